from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme

from core.forms import validate_reachable_email
from core.recaptcha import RecaptchaV3Slot, ResilientReCaptchaField


class NewsletterRecaptchaSlot(RecaptchaV3Slot):
    """reCAPTCHA v3 for the sign-up box; newsletter.js loads Google's script on first use."""

    template_name = "newsletter/recaptcha_slot.html"


# RFC 5321 caps an address at 254 characters.
MAX_EMAIL_LENGTH = 254


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="Your email address",
        max_length=MAX_EMAIL_LENGTH,
        validators=[validate_reachable_email],
        error_messages={
            "required": "Please enter your email address.",
            "invalid": "Please enter an email address like name@example.com.",
            "max_length": "That address is too long to be real. Please check it.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "placeholder": "name@example.com"}),
    )
    # A honeypot: hidden from people (and from screen readers), filled by naive bots.
    nickname = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    consent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    source = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, remote_ip: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if settings.NEWSLETTER_RECAPTCHA:
            captcha = ResilientReCaptchaField(
                label="",
                widget=NewsletterRecaptchaSlot(
                    action="subscribe", required_score=settings.RECAPTCHA_SCORE_THRESHOLD
                ),
                error_messages={
                    "required": "Signing up needs JavaScript for our spam check. Please turn it on."
                },
            )
            # When Google cannot be asked, the sign-up goes ahead: the per-address limits still
            # protect inboxes.
            captcha.bind(self, remote_ip=remote_ip)
            self.fields["captcha"] = captcha
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's form tag carries it
        self.helper.layout = Layout(
            Field("email", css_class="newsletter-email"),
            Div(Field("nickname"), css_class="hp-field", aria_hidden="true"),
            # `consent` and `source` are written by the templates, outside this layout, so that the
            # sign-up box's layout is the same on every page.
            *(["captcha"] if "captcha" in self.fields else []),
        )

    def clean_email(self):
        # EmailField already strips surrounding spaces; anything else that could split a header
        # line is refused before it gets near an email.
        email = self.cleaned_data["email"]
        if any(char in email for char in "\r\n\x00"):
            raise forms.ValidationError(
                "Please enter an email address like name@example.com.", code="invalid"
            )
        return email.lower()

    def clean_source(self):
        source = self.cleaned_data["source"][:300]
        # Only a path on this site is recorded as where someone signed up.
        if source.startswith("/") and url_has_allowed_host_and_scheme(source, allowed_hosts=None):
            return source
        return ""

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("nickname"))
