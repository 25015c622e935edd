"""Revisions (django-reversion): who saved what and when, comparing two revisions, restoring one."""

import json
from datetime import UTC, datetime

import pytest
import reversion
import time_machine
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains
from reversion.models import Version

from articles.models import Article, Reference
from core.revisions import diff_text
from core.richtext import html_as_text
from healthyback.models import Page
from tests.factories import make_article, make_author, make_category, make_reference, make_user
from tests.html import parse_html

pytestmark = pytest.mark.django_db

FIRST_BODY = "<h2>Start small</h2><p>Walk daily for ten minutes.</p><p>Rest when it hurts.</p>"
SECOND_BODY = "<h2>Start small</h2><p>Walk daily for twenty minutes.</p><p>Rest when it hurts.</p>"


def form_data(response, form_id) -> dict:
    """What a browser would post from the form on this page, as it was rendered."""
    data = {}
    for element in parse_html(response).find("form", id=form_id).iter():
        name, kind = element.attrs.get("name"), element.attrs.get("type", "text")
        if not name or element.tag not in {"input", "textarea", "select"}:
            continue
        if element.tag == "textarea":
            data[name] = "".join(part for part in element.content if isinstance(part, str)).removeprefix("\n")
        elif element.tag == "select":
            chosen = [option.attrs.get("value", "") for option in element.find_all("option", selected="")]
            data[name] = chosen[0] if chosen else ""
        elif kind in {"checkbox", "radio"}:
            if "checked" in element.attrs:
                data[name] = element.attrs.get("value", "on")
        elif kind not in {"submit", "button", "file", "image"}:
            data[name] = element.attrs.get("value", "")
    return data


def edit_article(client, article, **changes):
    """Open the article's change page in the admin, change some fields, save."""
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url), "article_form") | changes
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    return response


@pytest.fixture
def article(admin_client):
    """An article saved twice in the admin: two revisions, the second changing every part."""
    with time_machine.travel(datetime(2026, 3, 2, 14, 30, tzinfo=UTC), tick=False):
        response = admin_client.post(
            reverse("admin:articles_article_add"),
            {
                "title": "Walking <script>alert(1)</script> for back pain",
                "slug": "walking",
                "summary": "Why walking helps.",
                "body": FIRST_BODY,
                "category": make_category().pk,
                "author": make_author().pk,
                "status": "draft",
                "references-TOTAL_FORMS": "1",
                "references-INITIAL_FORMS": "0",
                "references-0-position": "1",
                "references-0-citation": "NICE. Low back pain and sciatica in over 16s. 2016.",
                "references-0-url": "https://www.nice.org.uk/guidance/ng59",
            },
        )
    assert response.status_code == 302
    article = Article.objects.get(slug="walking")
    with time_machine.travel(datetime(2026, 3, 9, 10, 0, tzinfo=UTC), tick=False):
        edit_article(
            admin_client,
            article,
            **{
                "title": "Walking for back pain",
                "summary": "Why walking helps a lot.",
                "body": SECOND_BODY,
                "references-0-citation": "NICE. Low back pain and sciatica in over 16s. 2020 update.",
                "references-1-position": "2",
                "references-1-citation": "Cochrane review of walking programmes. 2019.",
                "references-1-url": "",
            },
        )
    article.refresh_from_db()
    return article


def versions(article):
    return list(Version.objects.get_for_object(article).select_related("revision__user"))  # newest first


def test_articles_and_their_references_are_under_revision_control():
    assert reversion.is_registered(Article)
    assert reversion.is_registered(Reference)
    assert reversion.is_registered(Page)


def test_each_admin_save_records_who_when_and_what(article, admin_user):
    newest, first = versions(article)

    assert first.revision.user == admin_user
    assert first.revision.date_created == datetime(2026, 3, 2, 14, 30, tzinfo=UTC)
    assert first.revision.get_comment().startswith("Added.")
    assert newest.revision.user == admin_user
    assert newest.revision.date_created == datetime(2026, 3, 9, 10, 0, tzinfo=UTC)
    assert newest.revision.get_comment().startswith("Changed Title, Summary and body.")
    # The references are saved in the same revision as their article.
    saved = newest.revision.version_set.exclude(pk=newest.pk)
    assert sorted(version.object_repr for version in saved) == [
        "Cochrane review of walking programmes. 2019.",
        "NICE. Low back pain and sciatica in over 16s. 2020 update.",
    ]


def test_the_history_lists_the_revisions_newest_first(admin_client, article, admin_user):
    response = admin_client.get(reverse("admin:articles_article_history", args=[article.pk]))

    rows = parse_html(response).find("div", id="change-history").find("tbody").find_all("tr")
    assert len(rows) == 2
    assert [row.find_all("td")[2].text for row in rows] == [admin_user.username, admin_user.username]
    assert "Changed Title" in rows[0].text
    assert "Added." in rows[1].text
    newest, first = versions(article)
    # Preselected: compare the previous revision with the newest one.
    assert rows[0].find("input", name="to").attrs.get("value") == str(newest.pk)
    assert "checked" in rows[0].find("input", name="to").attrs
    assert "checked" in rows[1].find("input", name="from").attrs
    revert_url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    assert rows[1].find("a").attrs["href"] == revert_url


def test_comparing_two_revisions_shows_changed_words_escaped(admin_client, article):
    newest, first = versions(article)
    url = reverse("admin:articles_article_compare", args=[article.pk])

    # Either order reads from the older revision to the newer one.
    response = admin_client.get(url, {"from": newest.pk, "to": first.pk})

    assert response.status_code == 200
    page = parse_html(response)
    sections = {
        section.find("h2").text: section.find("div", class_="revision-diff")
        for section in page.find_all("section", class_="revision-change")
    }
    assert list(sections) == ["Title", "Summary", "Body", "References"]
    assert [e.text for e in sections["Title"].find_all("del")] == ["<script>alert(1)</script>"]
    assert [e.text for e in sections["Summary"].find_all("ins")] == ["a lot"]
    assert [e.text for e in sections["Body"].find_all("del")] == ["ten"]
    assert [e.text for e in sections["Body"].find_all("ins")] == ["twenty"]
    assert [e.text for e in sections["References"].find_all("ins")] == [
        "2020 update",
        "2 · Cochrane review of walking programmes. 2019.",
    ]
    # Escaped text, never markup: no script element, and the body's tags are not shown as text.
    assertContains(response, "<del> &lt;script&gt;alert(1)&lt;/script&gt;</del>")
    assertNotContains(response, "<script>alert(1)")
    assertNotContains(response, "&lt;p&gt;")
    assert response.headers["Content-Security-Policy"].count("unsafe-inline") == 0


def test_comparing_needs_two_revisions_of_that_object(admin_client, article):
    first = versions(article)[-1]
    other = make_article()
    with reversion.create_revision():
        other.save()
    elsewhere = Version.objects.get_for_object(other).get()
    url = reverse("admin:articles_article_compare", args=[article.pk])

    assert admin_client.get(url, {"from": first.pk, "to": elsewhere.pk}).status_code == 404
    assert admin_client.get(url, {"from": first.pk, "to": "x"}).status_code == 404
    assert admin_client.get(url, {"from": first.pk}).status_code == 404
    same = admin_client.get(url, {"from": first.pk, "to": first.pk})
    assert same.status_code == 302
    assert same.url == reverse("admin:articles_article_history", args=[article.pk])


def test_a_revision_that_cannot_be_read_back_is_reported_not_crashed_on(admin_client, article):
    newest, first = versions(article)
    first.serialized_data = "not what the serializer wrote"
    first.save()

    response = admin_client.get(
        reverse("admin:articles_article_compare", args=[article.pk]), {"from": first.pk, "to": newest.pk}
    )

    assert response.status_code == 302
    assert response.url == reverse("admin:articles_article_history", args=[article.pk])
    assertContains(admin_client.get(response.url), "can no longer be read")


def test_staff_without_permission_on_articles_cannot_read_revisions(client, article):
    newest, first = versions(article)
    client.force_login(make_user(staff=True))

    compare = reverse("admin:articles_article_compare", args=[article.pk])
    assert client.get(compare, {"from": first.pk, "to": newest.pk}).status_code == 403
    history = reverse("admin:articles_article_history", args=[article.pk])
    assert client.get(history).status_code == 403
    revision = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    assert client.get(revision).status_code == 403


def test_the_revision_page_shows_the_old_revision_with_the_editor_allowed(admin_client, article):
    first = versions(article)[-1]

    response = admin_client.get(reverse("admin:articles_article_revision", args=[article.pk, first.pk]))

    assert response.status_code == 200
    data = form_data(response, "article_form")
    assert data["title"] == "Walking <script>alert(1)</script> for back pain"
    assert data["references-TOTAL_FORMS"] == "2"  # the old one and an empty extra form
    # The editor's import map is allowed by its hash, as on the change page.
    policy = response.headers["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert script_src.count("'sha256-") == 1
    assert "unsafe-inline" not in policy
    # Looking changes nothing.
    article.refresh_from_db()
    assert article.title == "Walking for back pain"
    assert article.references.count() == 2


def restore(client, article, version, **changes):
    url = reverse("admin:articles_article_revision", args=[article.pk, version.pk])
    data = form_data(client.get(url), "article_form") | changes
    return client.post(url, data)


def test_restoring_a_revision_brings_back_its_text_and_references(admin_client, article, admin_user):
    first = versions(article)[-1]

    response = restore(admin_client, article, first)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Walking <script>alert(1)</script> for back pain"
    assert article.summary == "Why walking helps."
    assert article.body == FIRST_BODY
    assert [(r.citation, r.url) for r in article.references.all()] == [
        ("NICE. Low back pain and sciatica in over 16s. 2016.", "https://www.nice.org.uk/guidance/ng59")
    ]
    restored = versions(article)[0]
    assert restored.revision.user == admin_user
    assert restored.revision.get_comment().startswith("Reverted to previous version, saved on")


def test_restoring_cleans_the_body_like_any_save(admin_client, article):
    # A revision holding markup our allowlist refuses (saved before a rule was added, say).
    first = versions(article)[-1]
    data = json.loads(first.serialized_data)
    data[0]["fields"]["body"] = FIRST_BODY.replace(
        "<p>Rest when it hurts.</p>",
        '<p onclick="steal()">Rest when it hurts.</p><script>steal()</script><iframe src="//x"></iframe>',
    )
    first.serialized_data = json.dumps(data)
    first.save()

    response = restore(admin_client, article, first)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == FIRST_BODY


def test_a_user_who_may_not_edit_the_article_cannot_restore_it(client, article):
    # May change articles in general (an author, say), but not this one: it is not theirs.
    author = make_user(staff=True)
    author.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_article", "change_article", "add_article"])
    )
    client.force_login(author)
    first = versions(article)[-1]
    url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])

    response = client.post(url, {"title": "Walking <script>alert(1)</script> for back pain"})

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "Walking for back pain"
    assert article.references.count() == 2


def test_save_as_new_cannot_restore_on_the_side(admin_client, article):
    first = versions(article)[-1]

    response = restore(admin_client, article, first, _saveasnew="Save as new", slug="walking-copy")

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "Walking for back pain"
    assert not Article.objects.filter(slug="walking-copy").exists()


def test_a_revision_of_another_model_is_not_restored_here(admin_client, article):
    page = Page.objects.create(slug="about", title="About us", summary="Who we are.", body="<p>We.</p>")
    with reversion.create_revision():
        page.save()
    page_version = Version.objects.get_for_object(page).get()
    page.title = "Changed since"
    page.save()
    # An article with the page's id, and the page's version id in the article's revision address.
    url = reverse("admin:articles_article_revision", args=[page.pk, page_version.pk])

    assert admin_client.get(url).status_code == 404
    assert admin_client.post(url, {}).status_code == 404
    recover = reverse("admin:articles_article_recover", args=[page_version.pk])
    assert admin_client.post(recover, {}).status_code == 404
    page.refresh_from_db()
    assert page.title == "Changed since"


def test_a_deleted_article_comes_back_with_its_references(admin_client, article):
    delete = reverse("admin:articles_article_delete", args=[article.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(slug="walking").exists()
    deleted = Version.objects.get_deleted(Article).get()
    recover_list = admin_client.get(reverse("admin:articles_article_recoverlist"))
    assertContains(recover_list, "Walking for back pain")

    url = reverse("admin:articles_article_recover", args=[deleted.pk])
    response = admin_client.post(url, form_data(admin_client.get(url), "article_form"))

    assert response.status_code == 302
    article = Article.objects.get(slug="walking")
    assert article.title == "Walking for back pain"
    assert article.references.count() == 2


def test_existing_rows_get_a_first_revision_from_the_command():
    article = make_article("Old article")
    make_reference(article)

    call_command("createinitialrevisions", "articles.Article", comment="Initial version.", verbosity=0)

    version = Version.objects.get_for_object(article).get()
    assert version.revision.get_comment() == "Initial version."
    assert version.revision.version_set.count() == 2  # with its reference


def test_pages_have_revisions_too(admin_client):
    page = Page.objects.create(slug="about", title="About us", summary="Who we are.", body="<p>We write.</p>")
    url = reverse("admin:healthyback_page_change", args=[page.pk])
    for body in ["<p>We write about backs.</p>", "<p>We write about healthy backs.</p>"]:
        data = form_data(admin_client.get(url), "page_form") | {"body": body}
        assert admin_client.post(url, data).status_code == 302
    newest, older = Version.objects.get_for_object(page)

    response = admin_client.get(
        reverse("admin:healthyback_page_compare", args=[page.pk]), {"from": older.pk, "to": newest.pk}
    )

    assertContains(response, "<ins>healthy </ins>", html=True)


def test_the_diff_reads_as_text_and_folds_long_unchanged_stretches():
    paragraphs = [f"<p>Paragraph {n}.</p>" for n in range(1, 11)]
    old = html_as_text("".join(paragraphs))
    new = html_as_text("".join(paragraphs[:9]) + "<p>Paragraph 10, <b>revised</b> &amp; <i>longer</i>.</p>")

    diff = diff_text(old, new)

    assert diff.startswith('<span class="diff-skip">⋯</span>\nParagraph 8.')
    assert diff.endswith("Paragraph 10<ins>, revised &amp; longer</ins>.")


def test_the_diff_escapes_everything_but_its_own_marks():
    diff = diff_text("Say <b>now</b>", "Say <i>now</i> & later")

    assert diff == (
        "Say &lt;<del>b</del><ins>i</ins>&gt;now&lt;/<del>b</del><ins>i</ins>&gt;<ins> &amp; later</ins>"
    )
