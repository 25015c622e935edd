"""What happens to a new comment: a pure function over facts the service gathers.

Kept free of the database and the request so every rule can be tested with plain values.
"""

import re
from dataclasses import dataclass, field

URL_PATTERN = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)

HEALTH_NOTE = (
    "If you are having an emergency, such as sudden weakness, numbness in the groin or legs, loss of "
    "bladder or bowel control, or chest pain, please call 911 or your local emergency number now. "
    "Comments are read by our team, but they cannot give medical advice."
)


@dataclass(frozen=True)
class Facts:
    name: str
    email: str
    website: str
    body: str
    ip: str = ""
    honeypot_filled: bool = False
    seconds_to_fill: float | None = None
    known_commenter: bool = False
    recaptcha_unreachable: bool = False
    by_staff: bool = False
    max_links: int = 2
    min_fill_seconds: int = 3
    auto_approve_known: bool = False
    hold_words: list[str] = field(default_factory=list)
    block_words: list[str] = field(default_factory=list)
    health_phrases: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Decision:
    status: str  # a Comment.Status value
    reason: str
    visitor_note: str = ""


def words(text: str) -> list[str]:
    """The non-empty lines of a staff-edited word list, lower-cased."""
    return [line.strip().lower() for line in text.splitlines() if line.strip()]


def _first_match(phrases: list[str], *texts: str) -> str | None:
    haystack = "\n".join(texts).lower()
    return next((phrase for phrase in phrases if phrase and phrase in haystack), None)


def decide(facts: Facts) -> Decision:
    if facts.honeypot_filled:
        return Decision("spam", "honeypot field filled (a bot)")
    if facts.seconds_to_fill is None or facts.seconds_to_fill < facts.min_fill_seconds:
        return Decision("spam", "form sent too fast after the page loaded (a bot)")
    if blocked := _first_match(
        facts.block_words, facts.name, facts.email, facts.website, facts.body, facts.ip
    ):
        return Decision("spam", f"block word: {blocked}")
    if phrase := _first_match(facts.health_phrases, facts.body):
        return Decision("pending", f"health-safety phrase: {phrase}", HEALTH_NOTE)
    if facts.by_staff:
        return Decision("approved", "written by staff")
    if facts.recaptcha_unreachable:
        return Decision("pending", "reCAPTCHA could not be checked (Google unreachable)")
    links = len(URL_PATTERN.findall(facts.body)) + (1 if facts.website else 0)
    if links > facts.max_links:
        return Decision("pending", f"{links} links (more than {facts.max_links})")
    if held := _first_match(facts.hold_words, facts.name, facts.email, facts.website, facts.body, facts.ip):
        return Decision("pending", f"hold word: {held}")
    if facts.auto_approve_known and facts.known_commenter:
        return Decision("approved", "known commenter")
    return Decision("pending", "awaiting moderation")
