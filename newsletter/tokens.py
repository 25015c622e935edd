"""The ids in emailed links: a subscriber's stored random token, signed. Never the address, which
would end up in server logs and Referer headers."""

from datetime import timedelta

from django.core import signing

from core.links import LinkExpired, LinkInvalid, read_signed

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"
CONFIRM_LIFETIME = timedelta(hours=48)


def confirm_token(subscriber) -> str:
    return signing.dumps(subscriber.token, salt=CONFIRM_SALT)


def read_confirm_token(token: str) -> str:
    """The subscriber's token; an expired link raises LinkExpired with it, so a fresh one can be sent."""
    try:
        return _text(read_signed(token, salt=CONFIRM_SALT, max_age=CONFIRM_LIFETIME))
    except LinkExpired as expired:
        raise LinkExpired(_text(expired.value)) from None


def unsubscribe_token(subscriber) -> str:
    # No timestamp: leaving must always work. The signer also accepts the keys kept in
    # SECRET_KEY_FALLBACKS, so links survive a key rotation.
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(subscriber.token)


def read_unsubscribe_token(token: str) -> str:
    try:
        return _text(signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token))
    except signing.BadSignature:
        raise LinkInvalid from None


def _text(value) -> str:
    if not isinstance(value, str) or not value:
        raise LinkInvalid
    return value
