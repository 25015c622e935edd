from csp.constants import NONE, SELF
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from articles.models import Article
from core.admin import ReadOnlyAdminMixin, RichTextAdminMixin, admin_page, rich_text_field
from core.richtext import render_html
from newsletter import campaigns
from newsletter.models import Campaign, Delivery

Status = Campaign.Status
SEND_PERMISSION = "newsletter.send_campaign"


class CampaignAdminForm(forms.ModelForm):
    body = rich_text_field(required=False)

    class Meta:
        model = Campaign
        fields = ["subject", "preheader", "body", "audience", "send_at"]

    def clean(self):
        cleaned = super().clean()
        # Scheduling needs a time to schedule at; say so next to the field, with the input kept.
        if "_schedule" in self.data or self.instance.status == Status.SCHEDULED:
            send_at = cleaned.get("send_at")
            if send_at is None:
                self.add_error("send_at", "Choose when to send it.")
            elif send_at <= timezone.now():
                self.add_error("send_at", "Choose a time in the future.")
        return cleaned


@admin.register(Campaign)
class CampaignAdmin(RichTextAdminMixin, admin.ModelAdmin):
    form = CampaignAdminForm
    list_display = ["subject", "state", "when", "progress_summary", "created_at"]
    list_filter = ["status"]
    search_fields = ["subject"]
    ordering = ["-created_at"]
    fieldsets = [
        (None, {"fields": ["subject", "preheader", "body"]}),
        ("Sending", {"fields": ["audience", "send_at"]}),
    ]

    class Media:
        js = ["js/campaign-admin.js", "js/admin-progress.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_progress()

    def get_fieldsets(self, request, obj=None):
        if obj is None or obj.is_editable:
            return self.fieldsets
        # A sent campaign's record shows its body as readers saw it, not as HTML source.
        return [
            (None, {"fields": ["subject", "preheader", "formatted_body"]}),
            ("Sending", {"fields": ["audience", "send_at"]}),
        ]

    @admin.display(description="body")
    def formatted_body(self, campaign):
        return render_html(campaign.body)

    # Once sending starts the campaign is a record of what went out: view-only, never deleted.
    def has_change_permission(self, request, obj=None):
        return (obj is None or obj.is_editable) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return (obj is None or obj.status == Status.DRAFT) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if obj.status == Status.SCHEDULED and "send_at" in form.changed_data:
            campaigns.campaign_schedule(
                campaign=obj, at=obj.send_at, by=request.user
            )  # the old time's task then stops

    @admin.display(description="status", ordering="status")
    def state(self, campaign):
        return format_html(
            '<span class="status status-{}">{}</span>', campaign.status, campaign.get_status_display()
        )

    @admin.display(description="send time")
    def when(self, campaign):
        moment = campaign.started_at if campaign.status != Status.SCHEDULED else campaign.send_at
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"

    @admin.display(description="delivered")
    def progress_summary(self, campaign):
        if campaign.status in (Status.DRAFT, Status.SCHEDULED):
            return "—"
        failed = f" · {campaign.failed_total} failed" if campaign.failed_total else ""
        return f"{campaign.sent_total:,} of {campaign.recipient_count:,}{failed}"

    # The buttons below the form: each saves first, so nothing typed is lost, then acts.

    def response_change(self, request, obj):
        if "_send" in request.POST and request.user.has_perm(SEND_PERMISSION):
            return HttpResponseRedirect(reverse("admin:newsletter_campaign_send", args=[obj.pk]))
        if "_schedule" in request.POST and request.user.has_perm(SEND_PERMISSION):
            try:
                campaigns.campaign_schedule(campaign=obj, at=obj.send_at, by=request.user)
            except campaigns.CampaignStateError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                when = timezone.localtime(obj.send_at)
                self.message_user(
                    request, f"Scheduled: it goes out on {when:%A %-d %B %Y at %H:%M}.", messages.SUCCESS
                )
            return self._back(obj)
        if "_preview" in request.POST:
            return HttpResponseRedirect(reverse("admin:newsletter_campaign_preview", args=[obj.pk]))
        if "_test" in request.POST:
            self._send_test(request, obj)
            return self._back(obj)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if any(button in request.POST for button in ("_send", "_schedule", "_preview", "_test")):
            return self.response_change(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def _send_test(self, request, campaign):
        address = request.user.email
        if not address:
            self.message_user(
                request, "Your account has no email address: add one to your user first.", messages.ERROR
            )
            return
        campaigns.send_test(campaign, address)
        self.message_user(request, f"A test copy is on its way to {address}.", messages.SUCCESS)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/send/", view(self.send_view), name="newsletter_campaign_send"),
            path("<int:pk>/cancel/", view(self.cancel_view), name="newsletter_campaign_cancel"),
            path("<int:pk>/unschedule/", view(self.unschedule_view), name="newsletter_campaign_unschedule"),
            path("<int:pk>/resume/", view(self.resume_view), name="newsletter_campaign_resume"),
            path("<int:pk>/test/", view(self.test_view), name="newsletter_campaign_test"),
            path("<int:pk>/progress/", view(self.progress_view), name="newsletter_campaign_progress"),
            path("<int:pk>/preview/", view(self.preview_view), name="newsletter_campaign_preview"),
            path("<int:pk>/preview/email/", view(self.preview_email_view), name="newsletter_campaign_preview_email"),
            path("articles/", view(self.article_picker_view), name="newsletter_campaign_articles"),
            *super().get_urls(),
        ]  # fmt: skip

    def _campaign(self, request, pk, permission="view") -> Campaign:
        campaign = get_object_or_404(Campaign, pk=pk)
        allowed = {
            "view": self.has_view_permission(request, campaign),
            "send": request.user.has_perm(SEND_PERMISSION),
            "change": super().has_change_permission(request, campaign),
        }[permission]
        if not allowed:
            raise PermissionDenied
        return campaign

    def _back(self, campaign):
        return HttpResponseRedirect(reverse("admin:newsletter_campaign_change", args=[campaign.pk]))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["may_send"] = request.user.has_perm(SEND_PERMISSION)
        if obj is not None:
            progress = obj.progress()
            context |= {
                "campaign": obj,
                "progress": progress,
                "stalled": Campaign.objects.stalled(timezone.now(), settings.NEWSLETTER_STALLED_AFTER)
                .filter(pk=obj.pk)
                .exists(),
                "problems": obj.deliveries.filter(status=Delivery.Status.FAILED).select_related("subscriber")[
                    :20
                ],
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def send_view(self, request, pk):
        campaign = self._campaign(request, pk, "send")
        if not campaign.is_editable:
            return self._back(campaign)
        if request.method == "POST":
            try:
                campaigns.campaign_send_now(campaign=campaign, by=request.user)
            except campaigns.CampaignStateError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(request, "Sending has started.", messages.SUCCESS)
            return self._back(campaign)
        recipients = campaign.recipients().count()
        return self._confirm(request, campaign, "send", recipients=recipients)

    def cancel_view(self, request, pk):
        campaign = self._campaign(request, pk, "send")
        if campaign.status not in (Status.SCHEDULED, Status.SENDING):
            return self._back(campaign)
        if request.method == "POST":
            try:
                left = campaigns.campaign_cancel(campaign=campaign, by=request.user)
            except campaigns.CampaignStateError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request, f"Cancelled: {left:,} message{'s' * (left != 1)} will not be sent."
                )
            return self._back(campaign)
        return self._confirm(request, campaign, "cancel", recipients=campaign.progress().remaining)

    def _confirm(self, request, campaign, action, **extra):
        return admin_page(
            self,
            request,
            "admin/newsletter/campaign/confirm.html",
            campaign=campaign,
            action=action,
            title="Send this campaign?" if action == "send" else "Cancel this campaign?",
            **extra,
        )

    def unschedule_view(self, request, pk):
        campaign = self._campaign(request, pk, "send")
        if request.method != "POST":
            return self._back(campaign)
        try:
            campaigns.campaign_unschedule(campaign=campaign)
        except campaigns.CampaignStateError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, "Unscheduled: the campaign is a draft again.")
        return self._back(campaign)

    def resume_view(self, request, pk):
        campaign = self._campaign(request, pk, "send")
        if request.method == "POST" and campaigns.campaign_resume(campaign=campaign):
            self.message_user(request, "Sending resumes where it stopped.", messages.SUCCESS)
        return self._back(campaign)

    def test_view(self, request, pk):
        campaign = self._campaign(request, pk, "change")
        if request.method == "POST":
            self._send_test(request, campaign)
        return HttpResponseRedirect(reverse("admin:newsletter_campaign_preview", args=[campaign.pk]))

    def progress_view(self, request, pk):
        campaign = self._campaign(request, pk)
        progress = campaign.progress()
        data = {
            "status": campaign.status,
            "status_label": campaign.get_status_display(),
            "pause_reason": campaign.pause_reason,
            "finished": campaign.status in (Status.SENT, Status.CANCELLED),
            **progress.as_dict(),
        }
        return JsonResponse(data, headers={"Cache-Control": "no-store"})

    def preview_view(self, request, pk):
        campaign = self._campaign(request, pk)
        email = campaigns.preview(campaign)
        response = admin_page(
            self,
            request,
            "admin/newsletter/campaign/preview.html",
            campaign=campaign,
            title=f"Preview: {campaign.subject}",
            subject=email["subject"],
            text=email["text"],
            email_url=reverse("admin:newsletter_campaign_preview_email", args=[campaign.pk]),
            may_change=super().has_change_permission(request, campaign),
        )
        response._csp_update = {"frame-src": [SELF]}
        return response

    def preview_email_view(self, request, pk):
        """The email as a mail client gets it, shown in the preview's frames: its inlined styles
        need their own policy, and it runs no script at all."""
        campaign = self._campaign(request, pk)
        response = HttpResponse(campaigns.preview(campaign)["html"])
        response["X-Frame-Options"] = "SAMEORIGIN"  # the middleware keeps a header that is set
        response._csp_config = {
            "default-src": [NONE],
            "style-src": ["'unsafe-inline'"],
            "img-src": [SELF, settings.SITE_URL, "data:"],
            "frame-ancestors": [SELF],
        }
        return response

    def article_picker_view(self, request):
        """The "Insert article" window: pick a published article to drop into the body."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        query = request.GET.get("q", "").strip()[:200]
        articles = Article.objects.published().order_by("-published_at")
        if query:
            articles = articles.filter(Q(title__icontains=query) | Q(summary__icontains=query))
        return admin_page(
            self,
            request,
            "admin/newsletter/campaign/article_picker.html",
            title="Insert an article",
            articles=articles[:40],
            query=query,
            is_popup=True,
        )


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Who got which campaign: the campaign's report links here for the failures."""

    list_display = ["campaign", "recipient", "status", "reason", "attempted_at"]
    list_filter = ["status", "campaign"]
    search_fields = ["subscriber__email"]
    list_select_related = ["campaign", "subscriber"]
    fields = readonly_fields = ["campaign", "subscriber", "status", "reason", "attempted_at"]

    @admin.display(description="recipient", ordering="subscriber__email")
    def recipient(self, delivery):
        return delivery.subscriber.email if delivery.subscriber else "(erased)"
