from django.apps import AppConfig
from django.conf import settings


class HealthybackConfig(AppConfig):
    name = "healthyback"
    verbose_name = "Healthy Back"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from core import pagecache
        from healthyback.models import Page

        pagecache.watch(Page)
        user_logged_in.connect(shorten_staff_session, dispatch_uid="healthyback-staff-session")


def shorten_staff_session(sender, request, user, **kwargs):
    if user.is_staff:
        request.session.set_expiry(settings.STAFF_SESSION_SECONDS)
