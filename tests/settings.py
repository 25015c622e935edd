"""Settings for the test suite: the real settings, with throwaway secrets and fast, inline parts."""

import os

# Throwaway values for what production must be given; subprocesses started by tests inherit them.
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-never-used-in-production-0123")
os.environ.setdefault("RECAPTCHA_PUBLIC_KEY", "test-recaptcha-public-key")
os.environ.setdefault("RECAPTCHA_PRIVATE_KEY", "test-recaptcha-private-key")
os.environ.setdefault(
    "NEWSLETTER_POSTAL_ADDRESS", "Healthy Back (tests), 100 Example Street, Springfield, USA"
)

from healthyback.settings import *  # noqa: F403

# Tasks run inline; the worker test switches back to the database backend and a real worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Sign-up answers are not held back, except in the test of that rule.
NEWSLETTER_SIGNUP_ANSWER_SECONDS = 0
# Hashed static names need `collectstatic` first; tests serve the source files directly.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Let WhiteNoise serve straight from the apps' and project's static folders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Several test runs on one machine at once (say, two checkouts' worth of work) each need their own
# test database: HEALTHYBACK_TEST_DB names it (a file path on SQLite, a database name on PostgreSQL).
if os.environ.get("HEALTHYBACK_TEST_DB"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["HEALTHYBACK_TEST_DB"]}  # noqa: F405
# Without Redis, stored pages are files: the tests' own (the server processes they start share them).
if CACHES["pages"]["BACKEND"].endswith("PageFileCache"):  # noqa: F405
    run = os.environ.get("HEALTHYBACK_TEST_DB", "default").replace("/", "-").strip("-")
    CACHES["pages"]["LOCATION"] = str(VAR_DIR / "test-page-cache" / run)  # noqa: F405
