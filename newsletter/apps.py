from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = "Newsletter"

    def ready(self):
        from core import mail, pagecache
        from newsletter import checks, emails  # noqa: F401  (checks registers the system checks)
        from newsletter.models import ConsentText

        pagecache.watch(ConsentText)  # the sign-up box on every page quotes it
        mail.register_skip_check(emails.UNWANTED_CHECK, emails.unwanted)
