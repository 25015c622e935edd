import csv

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from core.admin import ReadOnlyAdminMixin
from newsletter.models import (
    DEFAULT_CONSENT_TEXT,
    ConsentText,
    Subscriber,
    SubscriptionEvent,
    SuppressedAddress,
    address_digests,
)
from newsletter.services import confirmation_resend, subscriber_suppress, subscription_cancel

Status = Subscriber.Status

EXPORT_COLUMNS = [
    "email",
    "status",
    "suppression reason",
    "signed up at",
    "signup IP",
    "source page",
    "consent text version",
    "consent text",
    "confirmed at",
    "unsubscribed at",
]


def neutralise(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (OWASP "CSV injection"): the source
    page comes from the visitor's request, and Excel executes `=cmd|' /C calc'!A0`."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def iso(moment) -> str:
    return moment.isoformat() if moment else ""


def export_row(subscriber: Subscriber) -> list[str]:
    consent = subscriber.consent
    cells = [
        subscriber.email,
        subscriber.status,
        subscriber.suppression_reason,
        iso(subscriber.created_at),
        subscriber.signup_ip,
        subscriber.source_url,
        consent and consent.version,
        consent and consent.text,
        iso(subscriber.confirmed_at),
        iso(subscriber.unsubscribed_at),
    ]
    return [neutralise(cell) for cell in cells]


class Echo:
    """A file for csv.writer that hands each row back, so the rows can be streamed."""

    def write(self, value):
        return value


def export_rows(queryset: QuerySet):
    writer = csv.writer(Echo())
    yield writer.writerow(EXPORT_COLUMNS)
    for subscriber in queryset.select_related("consent").iterator(chunk_size=500):
        yield writer.writerow(export_row(subscriber))


class SubscriptionEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = SubscriptionEvent
    fields = readonly_fields = ["kind", "created_at", "ip", "consent", "note", "actor"]
    extra = 0
    can_delete = False
    verbose_name_plural = "history (the consent record)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("consent", "actor")

    def has_view_permission(self, request, obj=None):
        # The history is part of the subscriber: whoever may see the one sees the other.
        return request.user.has_perm("newsletter.view_subscriber") or request.user.has_perm(
            "newsletter.change_subscriber"
        )


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "state", "created_at", "confirmed_at", "source_page"]
    list_filter = ["status", "suppression_reason"]
    show_facets = admin.ShowFacets.ALWAYS  # counts beside each status
    search_fields = ["email"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]
    actions = ["resend_confirmation", "suppress", "unsubscribe", "export_csv"]
    inlines = [SubscriptionEventInline]
    fieldsets = [
        (None, {"fields": ["email", "status", "suppression_reason"]}),
        ("Sign-up", {"fields": ["created_at", "source_url", "signup_ip", "consent", "consent_wording"]}),
        ("Changes", {"fields": ["confirmed_at", "unsubscribed_at", "suppressed_at"]}),
        ("Confirmation emails", {"fields": ["confirmations_sent", "last_confirmation_sent_at"],
                                 "classes": ["collapse"]}),
    ]  # fmt: skip
    readonly_fields = ["email", "status", "suppression_reason", "created_at", "source_url", "signup_ip", "consent",
                       "consent_wording", "confirmed_at", "unsubscribed_at", "suppressed_at",
                       "confirmations_sent", "last_confirmation_sent_at"]  # fmt: skip

    # Addresses arrive only through double opt-in, and a status changes only through the actions,
    # which record who did it in the consent record; so the form is view-only, even for superusers.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request)

    # Deleting a row would drop the address without an event saying so, keep the IPs in its history,
    # and let anyone sign the address up again. Erasure requests go through
    # `manage.py erase_personal_data`, which does all that; this also removes "Delete selected".
    def has_delete_permission(self, request, obj=None):
        return False

    def has_export_permission(self, request):
        return request.user.has_perm("newsletter.export_subscribers")

    @admin.display(description="status", ordering="status")
    def state(self, subscriber):
        return format_html(
            '<span class="status status-{}">{}</span>', subscriber.status, subscriber.get_status_display()
        )

    @admin.display(description="source page")
    def source_page(self, subscriber):
        return Truncator(subscriber.source_url).chars(60)

    @admin.display(description="consent text")
    def consent_wording(self, subscriber):
        return subscriber.consent.text if subscriber.consent else "—"

    @admin.action(description="Resend confirmation email", permissions=["change"])
    def resend_confirmation(self, request, queryset):
        sent = limited = wrong_status = 0
        for subscriber in queryset:
            if subscriber.status not in (Status.PENDING, Status.UNSUBSCRIBED):
                wrong_status += 1
            elif confirmation_resend(subscriber=subscriber, by=request.user):
                sent += 1
            else:
                limited += 1
        skipped = []
        if limited:
            skipped.append(f"{limited} because of the per-address limit on confirmation emails")
        if wrong_status:
            skipped.append(f"{wrong_status} already confirmed or suppressed")
        message = f"Sent {sent} confirmation email{'s' * (sent != 1)}."
        if skipped:
            message += f" Skipped {' and '.join(skipped)}."
        self.message_user(request, message, messages.SUCCESS if sent else messages.WARNING)

    @admin.action(description="Suppress (never email again)", permissions=["change"])
    def suppress(self, request, queryset):
        done = sum(
            subscriber_suppress(subscriber=subscriber, reason=Subscriber.Reason.STAFF, by=request.user)
            for subscriber in queryset
        )
        self._report(request, "Suppressed", done, len(queryset) - done, "already suppressed")

    @admin.action(description="Unsubscribe", permissions=["change"])
    def unsubscribe(self, request, queryset):
        done = sum(
            subscription_cancel(subscriber=subscriber, note="by staff", by=request.user)
            for subscriber in queryset
        )
        self._report(
            request, "Unsubscribed", done, len(queryset) - done, "already unsubscribed or suppressed"
        )

    def _report(self, request, verb: str, done: int, skipped: int, why: str):
        message = f"{verb} {done} subscriber{'s' * (done != 1)}."
        if skipped:
            message += f" Skipped {skipped} {why}."
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description="Export selected as CSV", permissions=["export"])
    def export_csv(self, request, queryset):
        response = StreamingHttpResponse(export_rows(queryset), content_type="text/csv; charset=utf-8")
        filename = f"newsletter-subscribers-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


@admin.register(ConsentText)
class ConsentTextAdmin(admin.ModelAdmin):
    list_display = ["version", "created_at", "created_by", "excerpt"]
    list_select_related = ["created_by"]

    def get_fields(self, request, obj=None):
        return ["text"] if obj is None else ["version", "text", "created_at", "created_by"]

    def get_changeform_initial_data(self, request):
        latest = ConsentText.objects.order_by("-version").first()
        return {
            "text": latest.text if latest else DEFAULT_CONSENT_TEXT,
            **super().get_changeform_initial_data(request),
        }

    # Each sign-up records the version its subscriber saw, so a version is never edited or deleted
    # (the consent records point at it with PROTECT); a change of wording is a new version.
    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="text")
    def excerpt(self, consent):
        return Truncator(consent.text).chars(80)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(SuppressedAddress)
class SuppressedAddressAdmin(admin.ModelAdmin):
    list_display = ["__str__", "reason", "created_at"]
    ordering = ["-created_at"]
    # Only a keyed hash is stored, so the search hashes what is typed (see get_search_results).
    search_fields = ["digest"]
    search_help_text = "Type the full email address to find whether it is blocked, or the start of a digest."

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        if "@" in term:
            return queryset.filter(digest__in=address_digests(term)), False
        return queryset.filter(digest__startswith=term.lower()), False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
