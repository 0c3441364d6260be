"""``python -m prepmeet <command>``: Django's manage.py for an installed prepmeet (``pip install .``)."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prepmeet.settings")
    from django.core.management import execute_from_command_line  # noqa: PLC0415 - after the settings name

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
