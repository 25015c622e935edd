from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The shared library every app uses: mail, images, rich text, reCAPTCHA, HTTP helpers, signed
    links, revisions, admin helpers, the page cache, the background worker and its schedule. It
    imports no app of ours; apps hook into it through settings and registries (README, "How the
    code is laid out")."""

    name = "core"
    verbose_name = "Site machinery"

    def ready(self):
        from core import schedule  # noqa: F401  (registers the PERIODIC_JOBS system check)
