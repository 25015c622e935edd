from django.apps import AppConfig


class HealthybackConfig(AppConfig):
    # Registered as an app only for its templates and management commands; it has no models.
    name = "healthyback"
    verbose_name = "Healthy Back"
