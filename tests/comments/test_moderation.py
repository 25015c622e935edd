"""comments.moderation.decide: every rule, with plain values."""

import pytest

from comments.moderation import HEALTH_NOTE, Facts, decide, words

BASE = {"name": "Maria T.", "email": "maria@example.com", "website": "", "body": "Walking helped me a lot.",
        "seconds_to_fill": 30.0, "health_phrases": ["chest pain", "how many mg"]}  # fmt: skip


def outcome(**overrides):
    return decide(Facts(**(BASE | overrides)))


def test_ordinary_comments_wait_for_a_moderator():
    decision = outcome()
    assert (decision.status, decision.reason) == ("pending", "awaiting moderation")
    assert decision.visitor_note == ""


def test_the_honeypot_and_a_too_fast_form_mean_spam():
    assert outcome(honeypot_filled=True).status == "spam"
    assert outcome(seconds_to_fill=1.0).status == "spam"
    assert outcome(seconds_to_fill=None).status == "spam"  # missing or forged timestamp


def test_block_words_mean_spam_wherever_they_appear():
    for field in ["name", "email", "website", "body", "ip"]:
        decision = outcome(block_words=["casino"], **{field: "cheap CASINO deals"})
        assert (decision.status, decision.reason) == ("spam", "block word: casino"), field


def test_hold_words_hold():
    decision = outcome(hold_words=["miracle cure"], body="Try this Miracle Cure!")
    assert (decision.status, decision.reason) == ("pending", "hold word: miracle cure")


def test_too_many_links_hold_and_the_website_counts():
    two = "See https://a.example and www.b.example"
    assert outcome(body=two, auto_approve_known=True, known_commenter=True).status == "approved"
    decision = outcome(body=two, website="https://me.example", auto_approve_known=True, known_commenter=True)
    assert (decision.status, decision.reason) == ("pending", "3 links (more than 2)")


def test_health_safety_phrases_hold_and_tell_the_reader_to_seek_care():
    decision = outcome(body="I have CHEST PAIN with my back pain", by_staff=False, known_commenter=True,
                       auto_approve_known=True)  # fmt: skip
    assert decision.status == "pending"
    assert decision.reason == "health-safety phrase: chest pain"
    assert decision.visitor_note == HEALTH_NOTE


def test_known_commenters_are_approved_only_when_enabled():
    assert outcome(known_commenter=True).status == "pending"
    assert outcome(known_commenter=True, auto_approve_known=True).status == "approved"


def test_staff_comments_are_approved():
    assert outcome(by_staff=True).status == "approved"


def test_google_unreachable_holds_even_known_commenters():
    decision = outcome(recaptcha_unreachable=True, known_commenter=True, auto_approve_known=True)
    assert decision.status == "pending"
    assert "reCAPTCHA" in decision.reason


@pytest.mark.parametrize(("text", "expected"), [("a\n\n B \n", ["a", "b"]), ("", [])])
def test_word_lists_are_one_per_line(text, expected):
    assert words(text) == expected
