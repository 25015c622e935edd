"""The site's URLs plus uploaded files, for browser tests (the live server runs with DEBUG off)."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from healthyback.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    *site_urlpatterns,
    re_path(
        rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}
    ),
]
