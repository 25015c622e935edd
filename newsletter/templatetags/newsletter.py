from django import template

from newsletter.forms import SubscribeForm

register = template.Library()


@register.inclusion_tag("includes/_newsletter_box.html", takes_context=True)
def newsletter_box(context, place: str):
    """The sign-up box. It holds nothing about the visitor, so it is the same on a cached page."""
    consent = context.get("newsletter_consent") or None
    request = context.get("request")
    form = SubscribeForm(
        auto_id=f"newsletter-{place}-%s",
        initial={"consent": consent and consent.version, "source": request.path if request else ""},
    )
    return {
        "form": form,
        "place": place,
        "consent": consent,
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
