"""The project's settings with the bench URLconf: the project's URLs plus a bare view (``bench/pages.py``)."""

from prepmeet.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
