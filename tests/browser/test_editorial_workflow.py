"""The editorial workflow end to end, each role in a browser of its own.

An Author writes a draft with the rich-text editor and submits it; an Editor sends it back with a
note, the Author revises and resubmits, and the Editor schedules it two days ahead; a Medical
reviewer records a completed review; and when the clock reaches the scheduled time the article is on
the home page for everyone, "Medically reviewed by" its reviewer.

The live server is a thread of this process, so `time_machine` moves its clock too (it patches the
process's clock functions, for every thread); the browser's own clock is left alone.
"""

from datetime import timedelta
from importlib import import_module
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.utils import dateformat, timezone
from playwright.sync_api import expect

import articles.migrations
from articles.models import Article
from tests.factories import make_author, make_category, make_user

SERIOUS = {"serious", "critical"}  # as in conftest
PASSWORD = "a long test password"
TITLE = "Walking for back pain"
SLUG = "walking-for-back-pain"
NOTE = "Please cite the NICE guideline and soften the second paragraph."
REVIEW_NOTES = "Checked against NICE NG59: accurate."


def role_group(name: str) -> Group:
    """The group as the articles migration "…_editorial_groups" makes it. A transactional test (any
    test with the live server) empties the tables when it ends: permissions come back (post_migrate),
    groups do not, so a test that runs after one makes the group again."""
    [migration] = Path(articles.migrations.__file__).parent.glob("*_editorial_groups.py")
    roles = import_module(f"articles.migrations.{migration.stem}").ROLES
    group, _ = Group.objects.get_or_create(name=name)
    for app_label, codenames in roles[name].items():
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
    return group


def staff_member(username: str, group: str):
    user = make_user(username, staff=True, password=PASSWORD)
    user.groups.add(role_group(group))
    return user


@pytest.fixture
def newsroom():
    author = make_author("Ann Writer", credentials="DPT", user=staff_member("ann", "Authors"))
    staff_member("edith", "Editors")
    reviewer = make_author(
        "Dr Rita Hale", reviewer=True, credentials="MD, FRCP", user=staff_member("rita", "Medical reviewers")
    )
    category = make_category("Exercise & Stretching", slug="exercise")
    return {"author": author, "reviewer": reviewer, "category": category}


def watch_console(page, errors: list, who: str):
    """Errors a page logs (a CSP violation, a failed script), with who saw them and where."""
    page.on("console", lambda m: m.type == "error" and errors.append(f"{who} at {page.url}: {m.text}"))
    page.on("pageerror", lambda error: errors.append(f"{who} at {page.url}: {error}"))


def browser_for(new_context, base_url: str, errors: list, username: str | None = None):
    """A page in a browser context of its own (own cookies), signed in through the admin's login
    page unless `username` is None (a reader)."""
    page = new_context().new_page()
    watch_console(page, errors, username or "reader")
    if username:
        page.goto(base_url + "/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page).to_have_url(base_url + "/admin/")
    return page


def open_article(page, base_url: str):
    """From the article list, the change page (for a reviewer: the read-only view page)."""
    page.goto(base_url + "/admin/articles/article/")
    page.locator("#result_list").get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=2, name=TITLE)).to_be_visible()


def expect_listed_as(page, status: str):
    row = page.locator("#result_list tbody tr").filter(has_text=TITLE)
    expect(row.locator(".status")).to_contain_text(status)


def check_accessible(page, axe, errors: list):
    """axe-core (as the `assert_accessible` fixture runs it) on the whole page, without the errors of axe's own making: to read the page's CSS it copies @imported sheets (the
    admin's forms.css imports widgets.css) into <style> elements of a scratch document, which our
    Content-Security-Policy blocks. The page itself applied no inline style."""
    before = len(errors)
    violations = [v for v in axe.run(page).response["violations"] if v["impact"] in SERIOUS]
    errors[before:] = [error for error in errors[before:] if "Applying inline style violates" not in error]
    assert not violations, f"axe-core found serious accessibility problems on {page.url}:\n" + "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} at " + ", ".join(n["target"][0] for n in v["nodes"][:5])
        for v in violations
    )


def test_draft_review_send_back_schedule_medical_review_and_go_live(new_context, live_server, newsroom, axe):
    base, errors = live_server.url, []

    # The Author writes a draft and submits it.
    author = browser_for(new_context, base, errors, "ann")
    author.goto(base + "/admin/articles/article/add/")
    author.get_by_label("Title").press_sequentially(TITLE)
    expect(author.get_by_label("Slug")).to_have_value(SLUG)
    author.get_by_label("Summary").fill("How to build up a daily walk, gently.")
    author.locator(".tiptap.ProseMirror").click()
    author.keyboard.type("## Start gently")
    author.keyboard.press("Enter")
    author.keyboard.type("Walk a little every day.")
    author.get_by_label("Category").select_option(label="Exercise & Stretching")
    author.get_by_role("button", name="Save and submit for review").click()

    expect(author.locator(".messagelist")).to_contain_text("Submitted for review")
    expect_listed_as(author, "In review")
    article = Article.objects.get(slug=SLUG)
    assert (article.status, article.author) == (Article.Status.IN_REVIEW, newsroom["author"])
    assert "<h2>Start gently</h2>" in article.body

    # The Editor sends it back with a note.
    editor = browser_for(new_context, base, errors, "edith")
    open_article(editor, base)
    editor.get_by_label("Note for the author").fill(NOTE)
    editor.get_by_role("button", name="Save and send back to the author").click()
    expect(editor.locator(".messagelist")).to_contain_text("Sent back to the author with your note.")
    expect_listed_as(editor, "Draft")

    # The Author reads the note on the draft, revises and submits again.
    open_article(author, base)
    note = author.get_by_role("region", name="Sent back by edith on")
    expect(note).to_contain_text(NOTE)
    check_accessible(author, axe, errors)
    body = author.locator(".tiptap.ProseMirror")
    body.locator("p").last.click()
    author.keyboard.press("End")
    author.keyboard.type(" NICE recommends staying active (NG59).")
    author.get_by_role("button", name="Save and submit for review").click()
    expect(author.locator(".messagelist")).to_contain_text("Submitted for review")
    expect_listed_as(author, "In review")
    assert "NICE recommends staying active (NG59)." in Article.objects.get(slug=SLUG).body

    # The Editor schedules it for two days from now.
    when = (timezone.localtime() + timedelta(days=2)).replace(second=0, microsecond=0)
    open_article(editor, base)
    editor.get_by_label("Status").select_option(label="Published")
    # The admin's split date and time inputs have no <label> of their own (Django's widget).
    editor.locator("input[name=published_at_0]").fill(f"{when:%Y-%m-%d}")
    editor.locator("input[name=published_at_1]").fill(f"{when:%H:%M:%S}")
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")
    expect_listed_as(editor, f"Scheduled for {when:%b} {when.day}, {when:%Y %H:%M}")
    article.refresh_from_db()
    assert article.is_scheduled
    assert article.published_at == when

    # The Medical reviewer records a completed review.
    reviewer = browser_for(new_context, base, errors, "rita")
    open_article(reviewer, base)
    reviewer.get_by_role("link", name="Complete medical review…").click()
    expect(reviewer.get_by_role("heading", level=1)).to_have_text("Complete medical review")
    check_accessible(reviewer, axe, errors)
    reviewer.get_by_label("Notes for the author and editors").fill(REVIEW_NOTES)
    reviewer.get_by_role("button", name="Record completed review").click()
    expect(reviewer.locator(".messagelist")).to_contain_text(
        f"Review recorded: “{TITLE}”, reviewed by Dr Rita Hale today."
    )
    article.refresh_from_db()
    assert (article.reviewed_by, article.review_notes) == (newsroom["reviewer"], REVIEW_NOTES)
    reviewed_on = dateformat.format(timezone.localtime(article.reviewed_at), "F j, Y")

    # Readers see nothing of it until its time comes...
    reader = browser_for(new_context, base, errors)
    reader.goto(base + "/")
    expect(reader.get_by_role("heading", level=1)).to_have_text("Less pain, more life")
    expect(reader.get_by_role("link", name=TITLE)).to_have_count(0)
    assert reader.goto(base + article.get_absolute_url()).status == 404
    # Chromium logs the 404 of the page itself as an error.
    errors[:] = [e for e in errors if not (e.startswith("reader") and "404 (Not Found)" in e)]

    # ...and then it is on the home page, medically reviewed.
    with time_machine.travel(when + timedelta(minutes=1), tick=True):
        reader = browser_for(new_context, base, errors)
        reader.goto(base + "/")
        reader.get_by_role("link", name=TITLE).first.click()
        expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(reader.locator(".reviewed")).to_have_text(
            f"✓ Medically reviewed by Dr Rita Hale, MD, FRCP on {reviewed_on}"
        )
        expect(reader.locator(".article-body")).to_contain_text("NICE recommends staying active")

    assert errors == []
