"""reCAPTCHA for our forms: placeholders that our scripts fill only once a visitor starts using a
form (so Google's script never loads for people who only read), and a field that never turns
Google's absence into an error page."""

import logging

from django import forms
from django_recaptcha import client
from django_recaptcha.fields import ReCaptchaField
from django_recaptcha.widgets import ReCaptchaV2Checkbox, ReCaptchaV3

logger = logging.getLogger(__name__)

# Google's answers that mean our side is misconfigured, not that the visitor failed the check.
OUR_FAULT = {"missing-input-secret", "invalid-input-secret", "bad-request"}


class SlotMixin:
    """A placeholder our script fills with Google's widget once the visitor starts typing, so
    Google's script never loads for people who only read (and no inline script breaks our CSP).
    `noscript_note` tells visitors without JavaScript what the form needs."""

    template_name = "recaptcha/slot.html"
    version = ""

    def __init__(self, *args, noscript_note: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.noscript_note = noscript_note

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        return {**context, "version": self.version, "noscript_note": self.noscript_note}


class RecaptchaSlot(SlotMixin, ReCaptchaV2Checkbox):
    version = "v2"


class RecaptchaV3Slot(SlotMixin, ReCaptchaV3):
    version = "v3"

    def value_from_datadict(self, data, files, name):
        return data.get("g-recaptcha-response")


class ResilientReCaptchaField(ReCaptchaField):
    """reCAPTCHA that never turns Google's absence into an error page.

    When Google cannot be asked (network error, timeout, our keys refused), `unreachable` is set and
    the form stays valid; the caller decides what that means (comments are held for a moderator,
    newsletter sign-ups go ahead under their per-address limits) instead of losing what was typed.
    A browser's report that Google's script did not load counts only when this server cannot reach
    Google either; otherwise the visitor is asked to let the check load, with everything kept.
    """

    default_error_messages = {
        "required": "Please tick “I'm not a robot” before sending.",
        "captcha_invalid": "The “I'm not a robot” check failed. Please tick it again.",
        "captcha_expired": "The “I'm not a robot” check expired. Please tick it again; your comment is kept.",
        "captcha_blocked": "The “I'm not a robot” check did not load in your browser (a blocker or a network "
        "filter may stop it). Please allow it, or try another browser, and send again: what you wrote is kept.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unreachable = False
        self.browser_could_not_load = False
        self.remote_ip = ""

    def bind(self, form, *, remote_ip: str) -> None:
        """Per-request set-up: the site key for our script, the visitor's address for Google, and
        the browser's report that Google's script could not load."""
        self.widget.attrs["data-sitekey"] = self.public_key
        self.remote_ip = remote_ip
        if (
            form.is_bound
            and form.data.get("captcha_unavailable")
            and not form.data.get("g-recaptcha-response")
        ):
            self.required = False
            self.browser_could_not_load = True

    def validate(self, value):
        forms.Field.validate(self, value)  # the "required" check, without Google
        try:
            answer = client.submit(
                recaptcha_response=value, private_key=self.private_key, remoteip=self.remote_ip
            )
        except OSError as error:  # URLError, HTTPError, DNS failures and timeouts
            logger.warning("reCAPTCHA unreachable: %s", error)
            self.unreachable = True
            return
        if set(answer.error_codes) & OUR_FAULT:
            logger.error("reCAPTCHA refused our keys: %s", answer.error_codes)
            self.unreachable = True
            return
        if self.browser_could_not_load:
            # Anyone can send that claim, and Google answered us: the check is down for this browser
            # alone, or the claim is a bot's. Only when Google is down for us too is the form let
            # through (and held for a moderator), so the claim is no bypass.
            raise forms.ValidationError(self.error_messages["captcha_blocked"], code="captcha_blocked")
        if "timeout-or-duplicate" in answer.error_codes:
            raise forms.ValidationError(self.error_messages["captcha_expired"], code="captcha_expired")
        if not answer.is_valid:
            raise forms.ValidationError(self.error_messages["captcha_invalid"], code="captcha_invalid")
        required_score = getattr(self.widget, "required_score", None)
        if required_score and float(answer.extra_data.get("score", 0)) < float(required_score):
            raise forms.ValidationError(self.error_messages["captcha_invalid"], code="captcha_invalid")
