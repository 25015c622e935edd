"""WSGI entry point: `gunicorn healthyback.wsgi:application`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthyback.settings")

application = get_wsgi_application()
