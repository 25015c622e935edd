"""Settings for the benchmark scripts: the site's own settings, plus a trivial view to compare with.

The scripts serve the app as production does (gunicorn, debug off, collected static files) with
DJANGO_SETTINGS_MODULE=bench.settings; every other setting still comes from the environment.
"""

from healthyback.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False
