from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = "Newsletter"

    def ready(self):
        from healthyback import pagecache
        from newsletter import checks  # noqa: F401  (registers the system checks)
        from newsletter.models import ConsentText

        pagecache.watch(ConsentText)  # the sign-up box on every page quotes it
