from datetime import timedelta

from django import template
from django.db.models import Count, Q
from django.utils import timezone

from newsletter.models import Subscriber, SubscriptionEvent

register = template.Library()

Kind = SubscriptionEvent.Kind
DASHBOARD_DAYS = 30


@register.inclusion_tag("admin/newsletter/_dashboard.html", takes_context=True)
def newsletter_dashboard(context):
    """The newsletter's line on the admin index. Counted from the events, which outlive purged and
    erased subscribers, so last month's numbers do not shrink when old rows are deleted."""
    user = context["request"].user
    if not (user.has_perm("newsletter.view_subscriber") or user.has_perm("newsletter.change_subscriber")):
        return {"show": False}
    counts = SubscriptionEvent.objects.filter(
        created_at__gte=timezone.now() - timedelta(days=DASHBOARD_DAYS)
    ).aggregate(
        signups=Count("pk", filter=Q(kind=Kind.SIGNED_UP)),
        confirmations=Count("pk", filter=Q(kind=Kind.CONFIRMED)),
        unsubscribes=Count("pk", filter=Q(kind=Kind.UNSUBSCRIBED)),
    )
    return {
        "show": True,
        "days": DASHBOARD_DAYS,
        "confirmed": Subscriber.objects.receiving().count(),
        **counts,
    }
