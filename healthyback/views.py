"""Site-wide views: home page, health check, robots.txt."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import Resolver404, resolve, reverse
from django.utils.crypto import get_random_string
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from articles.models import Article, Category
from core.forms import signed_start_time
from core.pagecache import public_page
from core.pagination import page_of
from core.worker import worker_health
from healthyback.models import Page

logger = logging.getLogger(__name__)


@public_page
@require_safe
def home(request):
    latest = Article.objects.published().for_listing().order_by("-published_at")
    page_obj = page_of(request, latest)
    # Left lazy: they run only when the page's {% memo %} part is rendered, not when it is remembered.
    featured = latest.filter(is_featured=True)[:2] if page_obj.number == 1 else ()
    topics = Category.objects.filter(parent=None).prefetch_related("children")
    return render(request, "home.html", {"featured": featured, "page_obj": page_obj, "topics": topics})


@public_page
@require_safe
def page(request, slug):
    return render(request, "page.html", {"page": get_object_or_404(Page, slug=slug)})


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("Health check: the database is unreachable")
        return False


def cache_ok() -> bool:
    # The Redis cache swallows connection errors (it fails open), so prove it works by a round trip.
    probe = get_random_string(12)
    cache.set("healthz-probe", probe, timeout=10)
    return cache.get("healthz-probe") == probe


@never_cache
@require_safe
def healthz(request):
    """200 while the database answers, 503 when it doesn't. The cache and the background worker
    are only reported: a load balancer must not take a healthy web server out because the worker
    is down (`manage.py check_worker` is for monitoring it)."""
    database = database_ok()
    body = {
        "status": "ok" if database else "error",
        "database": "ok" if database else "unavailable",
        "cache": "ok" if cache_ok() else "unavailable",
    }
    if database:
        body.update(worker_health().as_dict())
    return JsonResponse(body, status=200 if database else 503)


@public_page
@require_safe
@cache_control(max_age=60 * 60, public=True)
def robots_txt(request):
    # Previews of drafts and scheduled articles live at their future address, shown to staff only and
    # sent with X-Robots-Tag: noindex; a crawler gets a 404 there, so no rule is needed for them.
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /newsletter/",
        "",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token. Forms on cached pages carry none of their own, so
    the views behind them answer with the form again, what was typed kept (core.http.
    on_csrf_failure), instead of a dead end."""
    if request.method == "POST":
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            match = None
        handler = getattr(match.func, "on_csrf_failure", None) if match else None
        if handler is not None:
            return handler(request, *match.args, **match.kwargs)
    return render(request, "403_csrf.html", status=403)


@never_cache
@require_safe
def form_token(request):
    """What a form on a cached page needs from this visitor: a CSRF token (its cookie is set with
    this answer) and the signed moment they started filling the form in (static/js/forms.js)."""
    return JsonResponse({"csrfToken": get_token(request), "started": signed_start_time()})


@require_safe
def favicon(request):
    # Browsers ask for /favicon.ico on pages without an icon link (the admin): point them at ours.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
