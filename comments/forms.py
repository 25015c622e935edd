import logging
import time

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout, Submit
from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import URLValidator
from django_recaptcha import client
from django_recaptcha.fields import ReCaptchaField
from django_recaptcha.widgets import ReCaptchaV2Checkbox, ReCaptchaV3

from comments.models import Comment

logger = logging.getLogger(__name__)

# Google's answers that mean our side is misconfigured, not that the visitor failed the check.
OUR_FAULT = {"missing-input-secret", "invalid-input-secret", "bad-request"}
TIMESTAMP_SALT = "comments.form-started"


class RecaptchaSlot(ReCaptchaV2Checkbox):
    """A placeholder our script fills with Google's checkbox once the visitor starts typing, so
    Google's script never loads for people who only read (and no inline script breaks our CSP)."""

    template_name = "comments/recaptcha_slot.html"

    def get_context(self, name, value, attrs):
        return {**super().get_context(name, value, attrs), "version": "v2"}


class RecaptchaV3Slot(ReCaptchaV3):
    template_name = "comments/recaptcha_slot.html"

    def get_context(self, name, value, attrs):
        return {**super().get_context(name, value, attrs), "version": "v3"}

    def value_from_datadict(self, data, files, name):
        return data.get("g-recaptcha-response")


def recaptcha_widget():
    if settings.RECAPTCHA_VERSION == "v3":
        return RecaptchaV3Slot(action="comment", required_score=settings.RECAPTCHA_SCORE_THRESHOLD)
    return RecaptchaSlot()


class ResilientReCaptchaField(ReCaptchaField):
    """reCAPTCHA that never turns Google's absence into an error page.

    When Google cannot be asked (network error, timeout, our keys refused), `unreachable` is set and
    the form stays valid: the comment is then held for a moderator instead of being lost.
    """

    default_error_messages = {
        "required": "Please tick “I'm not a robot” before sending.",
        "captcha_invalid": "The “I'm not a robot” check failed. Please tick it again.",
        "captcha_expired": "The “I'm not a robot” check expired. Please tick it again; your comment is kept.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unreachable = False
        self.remote_ip = ""

    def validate(self, value):
        forms.Field.validate(self, value)  # the "required" check, without Google
        if self.unreachable:
            return
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
        if "timeout-or-duplicate" in answer.error_codes:
            raise forms.ValidationError(self.error_messages["captcha_expired"], code="captcha_expired")
        if not answer.is_valid:
            raise forms.ValidationError(self.error_messages["captcha_invalid"], code="captcha_invalid")
        required_score = getattr(self.widget, "required_score", None)
        if required_score and float(answer.extra_data.get("score", 0)) < float(required_score):
            raise forms.ValidationError(self.error_messages["captcha_invalid"], code="captcha_invalid")


def signed_start_time() -> str:
    return signing.dumps(int(time.time()), salt=TIMESTAMP_SALT)


class WebsiteField(forms.URLField):
    default_error_messages = {"invalid": "Enter a web address starting with http or https."}
    default_validators = [URLValidator(schemes=["http", "https"])]


class CommentForm(forms.ModelForm):
    website = WebsiteField(
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text="Optional.",
        widget=forms.URLInput(attrs={"autocomplete": "url", "placeholder": "https://"}),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    started = forms.CharField(required=False, widget=forms.HiddenInput)
    # A honeypot: hidden from people (and from screen readers), filled by naive bots.
    phone = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    save_details = forms.BooleanField(
        required=False, label="Save my name and email in this browser for the next time I comment."
    )
    captcha = ResilientReCaptchaField(label="", widget=RecaptchaSlot)

    class Meta:
        model = Comment
        fields = ["body", "name", "email", "website", "notify_replies"]
        labels = {
            "body": "Comment",
            "website": "Website",
            "notify_replies": "Email me when someone replies to my comment (we'll ask you to confirm first).",
        }
        widgets = {
            "body": forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        error_messages = {
            "body": {
                "max_length": "Please keep comments under %(limit_value)d characters (this one has %(show_value)d)."
            },
        }

    def __init__(self, *args, article, remote_ip="", max_depth=3, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.max_depth = max_depth
        captcha = self.fields["captcha"]
        captcha.widget = recaptcha_widget()  # v2 or v3, as the settings say at run time
        captcha.widget.attrs["data-sitekey"] = captcha.public_key
        captcha.remote_ip = remote_ip
        if (
            self.is_bound
            and self.data.get("captcha_unavailable")
            and not self.data.get("g-recaptcha-response")
        ):
            # Google's script could not load in the visitor's browser: take the comment, but only
            # for a moderator to look at (services hold it), rather than losing what they wrote.
            captcha.required = False
            captcha.unreachable = True
        if not self.is_bound:
            self.initial["started"] = signed_start_time()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            HTML(
                '<p class="form-note">Your email address will not be published. Required fields are marked '
                '<span class="asteriskField">*</span></p>'
                '<p class="form-note">Comments are public: please don\'t share personal health details.</p>'
            ),
            "body",
            Div("name", "email", css_class="form-row"),
            "website",
            Div(Field("phone"), css_class="hp-field", aria_hidden="true"),
            "save_details",
            "notify_replies",
            "parent",
            "started",
            # The widget is a placeholder that crispy treats as hidden, so its errors are shown here.
            Div(
                HTML(
                    '{% if form.captcha.errors %}<div id="div_id_captcha" class="mb-3"><div class="invalid-feedback">'
                    "{{ form.captcha.errors|join:' ' }}</div></div>{% endif %}"
                ),
                "captcha",
                css_class="captcha-row",
            ),
            Submit("submit", "Post Comment", css_class="button"),
        )

    @property
    def recaptcha_unreachable(self) -> bool:
        return self.fields["captcha"].unreachable

    def clean(self):
        cleaned = super().clean()
        parent_id = cleaned.get("parent")
        if parent_id:
            # Errors go to the top of the form: the field is hidden, so nothing else would show them.
            parent = (
                Comment.objects.approved()
                .filter(pk=parent_id, article=self.article)
                .only("id", "depth")
                .first()
            )
            if parent is None:
                self.add_error(
                    None,
                    forms.ValidationError(
                        "The comment you are replying to is not on this article.", code="bad_parent"
                    ),
                )
            elif parent.depth >= self.max_depth:
                self.add_error(
                    None,
                    forms.ValidationError(
                        "Replies cannot nest deeper here; reply further up the thread.", code="too_deep"
                    ),
                )
            cleaned["parent"] = parent
        else:
            cleaned["parent"] = None
        return cleaned

    def seconds_to_fill(self) -> float | None:
        """Seconds since the form was served, or None when the stamp is missing or forged (a bot)."""
        try:
            started = signing.loads(self.cleaned_data.get("started") or "", salt=TIMESTAMP_SALT)
        except signing.BadSignature:
            return None
        return time.time() - started
