"""Signed one-click moderation links, tied to the moderator they were emailed to."""

from datetime import timedelta

from django.core import signing

from core.links import LinkInvalid, read_signed

SALT = "comments.moderation-link"
LIFETIME = timedelta(hours=72)
ACTIONS = {"approve": "Approve", "spam": "Mark as spam"}


def make_token(*, comment_id: int, user_id: int, action: str) -> str:
    return signing.dumps({"c": comment_id, "u": user_id, "a": action}, salt=SALT, compress=True)


def read_token(token: str) -> tuple[int, int, str]:
    data = read_signed(token, salt=SALT, max_age=LIFETIME)
    if not isinstance(data, dict) or data.get("a") not in ACTIONS:
        raise LinkInvalid
    return int(data["c"]), int(data["u"]), data["a"]


CONFIRM_SALT = "comments.reply-confirm"
UNSUBSCRIBE_SALT = "comments.reply-unsubscribe"
CONFIRM_LIFETIME = timedelta(hours=48)


def reply_confirm_token(subscriber_token: str) -> str:
    return signing.dumps(subscriber_token, salt=CONFIRM_SALT)


def reply_unsubscribe_token(subscriber_token: str) -> str:
    # Never expires: leaving must always work.
    return signing.dumps(subscriber_token, salt=UNSUBSCRIBE_SALT)


def read_reply_token(token: str, *, unsubscribe: bool) -> str:
    if unsubscribe:
        return read_signed(token, salt=UNSUBSCRIBE_SALT)
    return read_signed(token, salt=CONFIRM_SALT, max_age=CONFIRM_LIFETIME)
