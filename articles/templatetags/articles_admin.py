from django import template
from django.conf import settings

from articles.models import Article

register = template.Library()


@register.inclusion_tag("admin/articles/_dashboard.html", takes_context=True)
def editorial_dashboard(context):
    """The medical-review line on the admin index: what is due under the review policy, and for a
    reviewer, their own queue."""
    user = context["request"].user
    if not user.has_perm("articles.view_article"):
        return {"show": False}
    return {
        "show": True,
        "months": settings.MEDICAL_REVIEW_MONTHS,
        "due": Article.objects.due_for_review().count(),
        "queue": Article.objects.review_queue(user).count()
        if user.has_perm("articles.review_article")
        else None,
        "in_review": Article.objects.filter(status=Article.Status.IN_REVIEW).count()
        if user.has_perm("articles.publish_article")
        else None,
    }
