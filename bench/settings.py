"""Settings for the benchmark scripts: the site's own settings, plus a trivial view to compare with.

The scripts serve the app as production does (gunicorn, debug off, collected static files) with
DJANGO_SETTINGS_MODULE=bench.settings; every other setting still comes from the environment.
"""

import os

from healthyback.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False

# bench/resilience.py points django-recaptcha at a local fake of Google's siteverify (host:port;
# RECAPTCHA_DOMAIN is django-recaptcha's own setting). Unset: Google, as in production.
if _recaptcha_domain := os.environ.get("RECAPTCHA_DOMAIN", "").strip():
    RECAPTCHA_DOMAIN = _recaptcha_domain
