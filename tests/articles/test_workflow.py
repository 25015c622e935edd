"""Roles and the editorial workflow in the admin: what Authors, Editors, Medical reviewers and
Moderators can see and do (crafted POSTs included), draft → in review → published with the
editor's note, scheduling with a moved clock, and the medical-review rules and queue."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article, ArticleEvent
from tests.factories import make_article, make_author, make_category, make_user
from tests.html import parse_html

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")
ADD = reverse("admin:articles_article_add")
Status = Article.Status
Kind = ArticleEvent.Kind


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def review_url(article) -> str:
    return reverse("admin:articles_article_review", args=[article.pk])


def member(group: str, *, author_name: str | None = None, reviewer: bool = False):
    user = make_user(staff=True)
    user.groups.add(Group.objects.get(name=group))
    if author_name:
        make_author(author_name, reviewer=reviewer, user=user)
    return user


@pytest.fixture
def team(client):
    return {
        "author": member("Authors", author_name="Ann Writer"),
        "other": member("Authors", author_name="Otto Other"),
        "editor": member("Editors"),
        "reviewer": member("Medical reviewers", author_name="Dr Rita Review", reviewer=True),
        "moderator": member("Moderators"),
    }


@pytest.fixture
def category():
    return make_category("Sciatica", slug="sciatica")


def form(category, author, **fields) -> dict:
    return {
        "title": "Walking for back pain",
        "slug": "walking-for-back-pain",
        "summary": "Why walking helps.",
        "body": "<p>Walk daily.</p>",
        "category": category.pk,
        "author": author.pk,
        "status": "draft",
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
        **fields,
    }


def listed_titles(response) -> set[str]:
    tables = parse_html(response).find_all("table", id="result_list")  # none when the list is empty
    return {row.find("th").text for table in tables for row in table.find("tbody").find_all("tr")}


# Roles.


def test_the_roles_are_groups_with_the_right_permissions(team):
    author, editor, reviewer, moderator = (
        team[name] for name in ("author", "editor", "reviewer", "moderator")
    )
    assert author.has_perm("articles.change_article")
    assert not author.has_perm("articles.publish_article")
    assert editor.has_perm("articles.publish_article")
    assert editor.has_perm("articles.assign_reviewer")
    assert not editor.has_perm("articles.review_article")
    assert reviewer.has_perm("articles.review_article")
    assert not reviewer.has_perm("articles.change_article")
    assert moderator.has_perm("comments.change_comment")
    assert moderator.has_perm("newsletter.change_subscriber")
    assert not moderator.has_perm("articles.view_article")


def test_an_author_sees_and_edits_only_their_own_drafts(client, team, category):
    mine = make_article("Mine", author=team["author"].author, category=category, status=Status.DRAFT)
    theirs = make_article("Theirs", author=team["other"].author, category=category, status=Status.DRAFT)
    client.force_login(team["author"])

    assert listed_titles(client.get(CHANGELIST)) == {"Mine"}
    assert client.get(change_url(theirs)).status_code == 302  # "doesn't exist", back to the list
    assert (
        client.post(change_url(theirs), form(category, team["other"].author, title="Hijacked")).status_code
        == 302
    )
    theirs.refresh_from_db()
    assert theirs.title == "Theirs"
    assert client.get(change_url(mine)).status_code == 200


def test_an_author_writes_a_draft_under_their_own_name_and_cannot_publish_it(client, team, category):
    client.force_login(team["author"])
    # A crafted POST: someone else's name, published, "updated", a review: all ignored.
    data = form(category, team["other"].author, status="published", mark_updated="on",
                published_at_0="2026-01-01", published_at_1="10:00:00", reviewed_by=team["reviewer"].author.pk)  # fmt: skip

    assert client.post(ADD, data).status_code == 302

    article = Article.objects.get()
    assert article.author == team["author"].author
    assert article.status == Status.DRAFT
    assert article.published_at is None
    assert article.substantively_updated_at is None
    assert article.reviewed_by is None


def test_an_author_submits_for_review_and_can_no_longer_edit(client, team, category):
    article = make_article("Mine", author=team["author"].author, category=category, status=Status.DRAFT)
    client.force_login(team["author"])

    page = client.get(change_url(article))
    assertContains(page, 'name="_submit"')
    assertNotContains(page, 'name="_send_back"')
    response = client.post(
        change_url(article), form(category, team["author"].author, title="Mine", _submit="1")
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    assert article.events.get().kind == Kind.SUBMITTED
    assert (
        client.post(change_url(article), form(category, team["author"].author, title="Changed")).status_code
        == 403
    )


def test_an_author_cannot_run_the_publishing_actions(client, team, category):
    article = make_article("Mine", author=team["author"].author, category=category, status=Status.DRAFT)
    client.force_login(team["author"])

    page = client.get(CHANGELIST)
    assertNotContains(page, 'value="publish_selected"')
    assertNotContains(page, 'value="assign_reviewer"')
    client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_an_editor_sends_an_article_back_with_a_note_the_author_then_reads(client, team, category):
    article = make_article("Mine", author=team["author"].author, category=category, status=Status.IN_REVIEW)
    client.force_login(team["editor"])

    # Without a note: an error beside the field, nothing changes, what was typed stays.
    response = client.post(
        change_url(article),
        form(category, team["author"].author, title="Mine, edited", status="in_review", _send_back="1"),
    )
    assertContains(response, "Tell the author what to change.")
    assertContains(response, 'value="Mine, edited"', html=False)
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW

    note = "Please cite the 2020 Cochrane review <and> soften the second paragraph."
    client.post(
        change_url(article),
        form(
            category,
            team["author"].author,
            title="Mine",
            status="in_review",
            note_for_author=note,
            _send_back="1",
        ),
    )
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    event = article.events.get(kind=Kind.SENT_BACK)
    assert (event.note, event.actor) == (note, team["editor"])

    client.force_login(team["author"])
    page = client.get(change_url(article))
    assertContains(page, "Please cite the 2020 Cochrane review &lt;and&gt; soften the second paragraph.")
    assertContains(page, "Sent back by")


def test_an_editor_schedules_an_article_which_goes_live_at_its_time(client, team, category):
    article = make_article("Mine", author=team["author"].author, category=category, status=Status.IN_REVIEW)
    client.force_login(team["editor"])
    when = (timezone.localtime() + timedelta(days=2)).replace(second=0, microsecond=0)
    data = form(category, team["author"].author, title="Mine", status="published",
                published_at_0=f"{when:%Y-%m-%d}", published_at_1=f"{when:%H:%M:%S}")  # fmt: skip

    assert client.post(change_url(article), data).status_code == 302

    article.refresh_from_db()
    assert article.is_scheduled
    assertContains(client.get(CHANGELIST), "Scheduled for")
    assert article.events.get(kind=Kind.PUBLISHED).note == f"for {when:%Y-%m-%d %H:%M}"
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404
    with time_machine.travel(when + timedelta(minutes=1)):
        assert client.get(article.get_absolute_url()).status_code == 200
        assertContains(client.get("/"), "Mine")


def test_an_editor_publishes_and_unpublishes_with_the_actions(client, team, category):
    article = make_article("Mine", author=team["author"].author, category=category, status=Status.IN_REVIEW)
    client.force_login(team["editor"])

    client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    client.post(CHANGELIST, {"action": "unpublish_selected", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert [event.kind for event in article.events.all()] == [Kind.UNPUBLISHED, Kind.PUBLISHED]


def test_only_an_editor_can_mark_an_article_as_substantively_updated(client, team, category):
    article = make_article("Mine", author=team["author"].author, category=category, status=Status.DRAFT)
    client.force_login(team["author"])
    client.post(change_url(article), form(category, team["author"].author, title="Mine", mark_updated="on"))
    article.refresh_from_db()
    assert article.substantively_updated_at is None

    article.publish()
    article.save()
    client.force_login(team["editor"])
    published = timezone.localtime(article.published_at)
    data = form(category, team["author"].author, title="Typo fixed", status="published",
                published_at_0=f"{published:%Y-%m-%d}", published_at_1=f"{published:%H:%M:%S}")  # fmt: skip
    client.post(change_url(article), data)
    article.refresh_from_db()
    assert article.substantively_updated_at is None  # a typo fix moves nothing
    client.post(change_url(article), {**data, "mark_updated": "on"})
    article.refresh_from_db()
    assert article.substantively_updated_at is not None


# Medical review.


def test_assigning_is_not_reviewing_only_the_reviewer_completes_a_review(client, team, category):
    article = make_article("Mine", author=team["author"].author, category=category)
    reviewer = team["reviewer"].author
    client.force_login(team["editor"])

    client.post(CHANGELIST, {"action": "assign_reviewer", "_selected_action": [article.pk],
                             "reviewer": reviewer.pk, "apply": "1"})  # fmt: skip
    article.refresh_from_db()
    assert article.assigned_reviewer == reviewer
    assert article.reviewed_by is None
    assert (
        client.post(review_url(article), {"review_notes": "Fine"}).status_code == 403
    )  # editors don't review

    client.force_login(team["reviewer"])
    assert listed_titles(client.get(CHANGELIST, {"review": "mine"})) == {"Mine"}
    assert (
        client.post(change_url(article), form(category, team["author"].author, title="X")).status_code == 403
    )
    assertContains(client.get(change_url(article)), "<p>Body text.</p>", html=False)  # as readers see it
    assertContains(client.get(review_url(article)), "Record completed review")
    client.post(review_url(article), {"review_notes": "Evidence is current."})

    article.refresh_from_db()
    assert article.reviewed_by == reviewer
    assert timezone.now() - article.reviewed_at < timedelta(minutes=1)
    assert article.review_notes == "Evidence is current."
    assert article.assigned_reviewer is None  # the queue is empty again
    assert set(article.events.values_list("kind", flat=True)) == {
        Kind.REVIEWER_ASSIGNED,
        Kind.REVIEW_COMPLETED,
    }
    assert listed_titles(client.get(CHANGELIST, {"review": "mine"})) == set()
    client.logout()
    assertContains(client.get(article.get_absolute_url()), "Medically reviewed by")


def test_a_reviewer_permission_without_a_reviewer_profile_cannot_complete_a_review(client, team, category):
    article = make_article("Mine", author=team["author"].author, category=category)
    stranger = member("Medical reviewers")  # no author profile marked as medical reviewer

    client.force_login(stranger)
    assert client.post(review_url(article), {"review_notes": "Fine"}).status_code == 403
    article.refresh_from_db()
    assert article.reviewed_by is None


def test_articles_due_for_review_follow_the_policy_and_are_counted_on_the_index(
    client, team, category, settings
):
    settings.MEDICAL_REVIEW_MONTHS = 12
    reviewer = team["reviewer"].author
    now = timezone.now()
    make_article("Never reviewed", category=category)
    make_article(
        "Reviewed long ago", category=category, reviewed_by=reviewer, reviewed_at=now - timedelta(days=400)
    )
    make_article(
        "Reviewed recently", category=category, reviewed_by=reviewer, reviewed_at=now - timedelta(days=40)
    )
    make_article("A draft", category=category, status=Status.DRAFT)
    client.force_login(team["editor"])

    assert listed_titles(client.get(CHANGELIST, {"review": "due"})) == {"Never reviewed", "Reviewed long ago"}
    index = client.get(reverse("admin:index"))
    assertContains(index, "2 published articles due for medical review")

    settings.MEDICAL_REVIEW_MONTHS = 1
    assert "Reviewed recently" in listed_titles(client.get(CHANGELIST, {"review": "due"}))


def test_a_moderator_manages_comments_and_subscribers_but_not_articles(client, team):
    client.force_login(team["moderator"])

    assert client.get(reverse("admin:comments_comment_changelist")).status_code == 200
    assert client.get(reverse("admin:newsletter_subscriber_changelist")).status_code == 200
    assert client.get(CHANGELIST).status_code == 403


def test_an_editor_deletes_a_renamed_article_with_its_old_addresses(client, team, category):
    article = make_article("Mine", slug="mine", author=team["author"].author, category=category)
    article.slug = "mine-renamed"
    article.save()
    assert article.redirects.count() == 1
    client.force_login(team["editor"])

    response = client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
