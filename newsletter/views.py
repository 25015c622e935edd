import time

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from core.http import client_ip, on_csrf_failure
from core.links import LinkExpired, LinkInvalid
from core.links import link_page as token_page
from newsletter.forms import SubscribeForm
from newsletter.models import ConsentText, Subscriber
from newsletter.services import (
    confirmation_resend,
    subscription_cancel,
    subscription_confirm,
    subscription_request,
)
from newsletter.tokens import read_confirm_token, read_unsubscribe_token


def signup_page(request, form, *, status=200, note=""):
    context = {"form": form, "note": note, "newsletter_page": True}
    response = render(request, "newsletter/subscribe.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def subscribe_after_csrf_failure(request):
    """A sign-up from a cached page whose script could not supply a token (no JavaScript, cookies
    blocked): show the form again with their address, now with a valid token."""
    form = SubscribeForm(initial={key: request.POST.get(key, "") for key in ("email", "source", "consent")})
    note = "For your security, please press “Sign Me Up!” once more."
    return signup_page(request, form, status=403, note=note)


@on_csrf_failure(subscribe_after_csrf_failure)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    if request.method != "POST":  # GET and HEAD only look
        initial = {"source": request.GET.get("from", ""), "consent": ConsentText.current().version}
        return signup_page(request, SubscribeForm(initial=initial))
    form = SubscribeForm(request.POST, remote_ip=client_ip(request))
    if not form.is_valid():
        return signup_page(request, form, status=400)
    started = time.monotonic()
    if not form.is_bot:
        subscription_request(
            email=form.cleaned_data["email"],
            ip=client_ip(request),
            source_url=form.cleaned_data["source"],
            consent_version=form.cleaned_data["consent"],
        )
    # The same answer for a new, pending, confirmed, unsubscribed, suppressed, erased or limited
    # address, and for a bot: nothing here may tell whether an address is on our list. Nor may the
    # time it takes: an erased or limited address costs half the work of a new one (no row, no
    # email), so every answer waits until the slowest branch would normally be done.
    time.sleep(max(0.0, started + settings.NEWSLETTER_SIGNUP_ANSWER_SECONDS - time.monotonic()))
    return HttpResponseRedirect(reverse("newsletter:check_inbox"), status=303)


@require_safe
def check_inbox(request):
    return render(request, "newsletter/check_inbox.html", {"newsletter_page": True})


def link_page(request, template, *, status=200, **context):
    return token_page(
        request, f"newsletter/{template}.html", {**context, "newsletter_page": True}, status=status
    )


def invalid_link(request):
    return link_page(request, "link_invalid", status=400)


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET only asks: mail scanners open every link in an email, and must not subscribe anyone."""
    try:
        subscriber_token, expired = read_confirm_token(token), False
    except LinkExpired as error:
        subscriber_token, expired = error.value, True
    except LinkInvalid:
        return invalid_link(request)
    subscriber = Subscriber.objects.filter(token=subscriber_token).first()
    if subscriber is None or subscriber.status == Subscriber.Status.SUPPRESSED:
        return link_page(request, "link_gone", status=404)
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return link_page(request, "already_confirmed")
    if expired:
        if request.method == "POST":
            confirmation_resend(subscriber=subscriber, ip=client_ip(request))
            return HttpResponseRedirect(reverse("newsletter:check_inbox"), status=303)
        return link_page(request, "link_expired", status=410)
    if request.method != "POST":  # GET and HEAD only look
        return link_page(request, "confirm", email=subscriber.email)
    subscription_confirm(subscriber=subscriber, ip=client_ip(request))
    return link_page(request, "welcome")


@csrf_exempt  # one-click unsubscribe (RFC 8058): mail providers POST without our cookie or token
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    try:
        subscriber_token = read_unsubscribe_token(token)
    except LinkInvalid:
        return invalid_link(request)
    subscriber = Subscriber.objects.filter(token=subscriber_token).first()
    if subscriber is None:
        return link_page(request, "link_gone", status=404)
    if request.method != "POST":  # GET and HEAD only look
        return link_page(request, "unsubscribe", email=subscriber.email)
    subscription_cancel(subscriber=subscriber, ip=client_ip(request), note="unsubscribe link")
    return link_page(request, "unsubscribed")
