"""What the forms on public pages share: the signed moment a visitor started filling one in, and
which email addresses are worth writing to.

Bots send forms within a second of fetching them; people take longer. The moment is signed so a
bot cannot claim an older one, and it comes from /form-token/ (not from the page, which is the same
for every reader while it is cached) when a visitor starts using a form.
"""

import time

from django.core import signing
from django.core.exceptions import ValidationError

STARTED_SALT = "healthyback.form-started"


def signed_start_time() -> str:
    return signing.dumps(int(time.time()), salt=STARTED_SALT)


def seconds_since_start(value: str) -> float | None:
    """Seconds since `value` was signed, or None when it is missing or forged."""
    try:
        started = signing.loads(value or "", salt=STARTED_SALT)
    except signing.BadSignature:
        return None
    return time.time() - started


# Top-level names that never lead to a mailbox on the internet (RFC 2606, RFC 6761 and the like).
UNROUTABLE_TLDS = frozenset({"localhost", "local", "localdomain", "internal", "invalid", "test", "example"})


def validate_reachable_email(address: str) -> None:
    """Django's EmailValidator accepts `name@localhost` and `name@[127.0.0.1]`: mail to them would
    go to this server or a private network, never to the person. Refuse them, and names without a
    dot or under a reserved top-level domain."""
    if "@" not in address:
        return  # not an address at all: EmailValidator says so
    domain = address.rpartition("@")[2].lower().rstrip(".")
    if domain.startswith("[") or "." not in domain or domain.rsplit(".", 1)[1] in UNROUTABLE_TLDS:
        raise ValidationError("Please enter an email address like name@example.com.", code="invalid")
