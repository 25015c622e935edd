"""What the forms on public pages share: the signed moment a visitor started filling one in.

Bots send forms within a second of fetching them; people take longer. The moment is signed so a
bot cannot claim an older one, and it comes from /form-token/ (not from the page, which is the same
for every reader while it is cached) when a visitor starts using a form.
"""

import time

from django.core import signing

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
