#!/usr/bin/env python
from prepmeet.__main__ import main

if __name__ == "__main__":
    main()
