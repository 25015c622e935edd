import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout, Submit
from django import forms
from django.conf import settings
from django.core.validators import URLValidator

from comments.models import Comment
from core.forms import seconds_since_start, signed_start_time, validate_reachable_email
from core.recaptcha import RecaptchaSlot, RecaptchaV3Slot, ResilientReCaptchaField

NOSCRIPT_NOTE = "Commenting needs JavaScript for the “I'm not a robot” check."


def recaptcha_widget():
    if settings.RECAPTCHA_VERSION == "v3":
        return RecaptchaV3Slot(
            action="comment", required_score=settings.RECAPTCHA_SCORE_THRESHOLD, noscript_note=NOSCRIPT_NOTE
        )
    return RecaptchaSlot(noscript_note=NOSCRIPT_NOTE)


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

    def __init__(self, *args, article, remote_ip="", max_depth=3, stamp=True, **kwargs):
        """`stamp`: sign the moment the form was served into it. Not on a page shared by every
        visitor, where static/js/forms.js asks for the stamp when the visitor starts typing."""
        super().__init__(*args, **kwargs)
        self.article = article
        self.max_depth = max_depth
        self.fields["email"].validators.append(validate_reachable_email)
        captcha = self.fields["captcha"]
        captcha.widget = recaptcha_widget()  # v2 or v3, as the settings say at run time
        # When Google's script could not load in the visitor's browser, the comment is taken but
        # held for a moderator (services see `unreachable`), rather than losing what they wrote.
        captcha.bind(self, remote_ip=remote_ip)
        if stamp and not self.is_bound and not self.initial.get("started"):
            self.initial["started"] = signed_start_time()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's form carries it (the csrf_field tag)
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
            # `parent` and `started` are written by the template, outside this layout, so that the
            # layout of a form nobody has typed in is the same for every visitor and article.
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

    def clean_body(self):
        # Runs of spaces and of blank lines show as one on the page. Collapsed here, a comment sent
        # again with a doubled space is the same comment for the rule against duplicates.
        lines = (" ".join(line.split()) for line in self.cleaned_data["body"].splitlines())
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()

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
        """Seconds since the visitor started on the form, or None when the stamp is missing or
        forged (a bot)."""
        return seconds_since_start(self.cleaned_data.get("started"))
