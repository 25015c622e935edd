from functools import lru_cache

from crispy_forms.utils import render_crispy_form
from django import template
from django.conf import settings
from django.utils.safestring import SafeString

from newsletter.forms import SubscribeForm

register = template.Library()


@lru_cache(maxsize=16)
def _box_markup(place: str, recaptcha: bool, public_key: str, score: float) -> SafeString:
    return render_crispy_form(SubscribeForm(auto_id=f"newsletter-{place}-%s"))


@register.inclusion_tag("includes/_newsletter_box.html", takes_context=True)
def newsletter_box(context, place: str):
    """The sign-up box. It holds nothing about the visitor, so it is the same on a cached page; its
    fields are laid out by crispy-forms once per process and place, not on every page."""
    consent = context.get("newsletter_consent") or None
    request = context.get("request")
    form = SubscribeForm(
        auto_id=f"newsletter-{place}-%s",
        initial={"consent": consent and consent.version, "source": request.path if request else ""},
    )
    fields = _box_markup(
        place,
        settings.NEWSLETTER_RECAPTCHA,
        settings.RECAPTCHA_PUBLIC_KEY,
        settings.RECAPTCHA_SCORE_THRESHOLD,
    )
    return {"form": form, "fields": fields, "place": place, "consent": consent, "request": request}
