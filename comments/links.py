"""Signed one-click moderation links, tied to the moderator they were emailed to."""

from datetime import timedelta

from django.core import signing

SALT = "comments.moderation-link"
LIFETIME = timedelta(hours=72)
ACTIONS = {"approve": "Approve", "spam": "Mark as spam"}


class LinkInvalid(Exception):
    pass


class LinkExpired(Exception):
    pass


def make_token(*, comment_id: int, user_id: int, action: str) -> str:
    return signing.dumps({"c": comment_id, "u": user_id, "a": action}, salt=SALT, compress=True)


def read_token(token: str) -> tuple[int, int, str]:
    try:
        data = signing.loads(token, salt=SALT, max_age=LIFETIME)
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        raise LinkInvalid from None
    if not isinstance(data, dict) or data.get("a") not in ACTIONS:
        raise LinkInvalid
    return int(data["c"]), int(data["u"]), data["a"]
