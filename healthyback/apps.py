from django.apps import AppConfig


class HealthybackConfig(AppConfig):
    name = "healthyback"
    verbose_name = "Healthy Back"

    def ready(self):
        from healthyback import pagecache
        from healthyback.models import Page

        pagecache.watch(Page)
