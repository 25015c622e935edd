from django.conf import settings
from django.core.checks import Warning, register

PLACEHOLDER_ADDRESS = "Healthy Back, 100 Example Street, Springfield, ST 00000, USA"


@register()
def postal_address_is_real(app_configs, **kwargs):
    # Anti-spam law (CAN-SPAM) wants the sender's real postal address in every newsletter email.
    if not settings.DEBUG and settings.NEWSLETTER_POSTAL_ADDRESS == PLACEHOLDER_ADDRESS:
        return [
            Warning(
                "Newsletter emails carry the placeholder postal address.",
                hint="Set NEWSLETTER_POSTAL_ADDRESS to the publisher's real postal address.",
                id="newsletter.W001",
            )
        ]
    return []
