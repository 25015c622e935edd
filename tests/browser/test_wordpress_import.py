"""A staff member uploads a WordPress export and watches a real worker import it.

The live server stores the upload in a private folder and enqueues into the database; a
`manage.py db_worker` process, sharing that folder as a deployment would, imports it and writes its
progress there; the page polls, then reloads to show the report.
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.conftest import running_worker
from tests.browser.test_campaigns import PASSWORD, check_accessible, log_in
from tests.factories import make_user
from tests.test_worker import DATABASE_BACKEND

PROJECT = Path(__file__).resolve().parents[2]
EXPORT = PROJECT / "tests" / "wordpress_import" / "fixtures" / "wordpress-export.xml"
WAIT = 30_000  # ms: generous, for a busy machine


@pytest.fixture
def worker(settings, live_server, import_root, tmp_path):
    settings.TASKS = DATABASE_BACKEND  # the live server (this process) enqueues into the database
    with running_worker(
        tmp_path / "worker.log", WORDPRESS_IMPORT_ROOT=str(import_root), MEDIA_ROOT=str(tmp_path / "media")
    ) as process:
        yield process


@pytest.mark.django_db(transaction=True)
def test_upload_an_export_and_watch_it_import(
    page, live_server, import_root, worker, assert_accessible, console_errors
):
    make_user("editor", superuser=True, password=PASSWORD)
    log_in(page, live_server.url)

    page.goto(live_server.url + "/admin/wordpress_import/wordpressimport/add/")
    expect(page.get_by_text("python manage.py import_wordpress export.xml --media-dir DIR")).to_be_visible()
    check_accessible(page, assert_accessible, console_errors)
    page.get_by_label("WordPress export").set_input_files(EXPORT)
    polls = []
    page.on("response", lambda response: "/progress/" in response.url and polls.append(response.status))
    page.get_by_role("button", name="Upload and import").click()

    expect(page.locator(".messagelist")).to_contain_text("is queued: this page follows it")
    panel = page.locator(".wordpress-import-panel")
    bar = panel.get_by_role("progressbar", name="Progress")
    expect(bar).to_be_visible()
    # The page polls while the worker imports, and reloads itself to show the report when it is done.
    expect(panel.get_by_role("heading", level=2)).to_have_text("Status: Finished", timeout=WAIT)
    expect(bar).to_have_attribute("value", "100")
    expect(panel).to_contain_text("25 of 25 items")
    report = panel.get_by_role("table", name="What the import did")
    expect(report.get_by_role("row", name="Posts")).to_contain_text("18")
    check_accessible(page, assert_accessible, console_errors)

    assert polls
    assert set(polls) == {200}
    assert Article.objects.count() == 18
    assert [path for path in import_root.rglob("*") if path.is_file()] == []  # export and progress gone
    assert worker.poll() is None, worker.log.read_text()
    assert console_errors == []
