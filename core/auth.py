"""Staff sign-in: a brake on guessing one account's password from many addresses.

django-axes locks a username at one address after AXES_FAILURE_LIMIT wrong passwords; an attacker
with ten addresses still had forty guesses every cool-off. Axes has a single limit for all its
lockout parameters, and a lock on the username alone would let anyone lock the real user out for
good by guessing every fifteen minutes. So this brake is separate, and spares the real user:

- failures for one username from addresses it never signed in from are added up over the cool-off
  (axes's own AccessAttempt rows); past ACCOUNT_GUESS_LIMIT, sign-in for that username from any
  such address is paused until the cool-off has passed without more of them;
- an address the account has signed in from before (axes's AccessLog) is never paused, so an
  attacker can slow guessing down but cannot lock the owner out of their usual places.
"""

from axes.helpers import get_cool_off
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.utils import timezone

from core.http import client_ip


def account_paused_for(username: str, ip_address: str) -> bool:
    """Too many wrong passwords for `username` from addresses it never signed in from, and
    `ip_address` is one of those."""
    known = AccessLog.objects.filter(username=username).values("ip_address")
    if ip_address and AccessLog.objects.filter(username=username, ip_address=ip_address).exists():
        return False
    failures = (
        AccessAttempt.objects.filter(username=username, attempt_time__gte=timezone.now() - get_cool_off())
        .exclude(ip_address__in=known)
        .aggregate(total=Sum("failures_since_start"))["total"]
    )
    return (failures or 0) >= settings.ACCOUNT_GUESS_LIMIT


class AccountGuessingBrake:
    """Placed after axes's backend and before the one that checks passwords: it never signs anyone
    in, it only refuses, with axes's lockout page (which says why, see axes_lockout.html). Like
    axes's, it has no get_user(), so sessions are never tied to it."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or not username:
            return None
        if account_paused_for(username, client_ip(request)):
            request.axes_locked_out = True  # axes answers 429 and does not count this attempt
            request.account_guessing_paused = True
            raise PermissionDenied
        return None
