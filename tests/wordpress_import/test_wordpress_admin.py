"""WordPress imports in the admin: only people allowed to import see them; an upload is imported by
the background task, followed through a progress file, and leaves a report but not the export."""

import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article, Category, Redirect
from comments.models import Comment
from tests.factories import make_user
from tests.html import parse_html
from wordpress_import import admin as admin_imports
from wordpress_import import jobs
from wordpress_import.models import WordPressImport

pytestmark = pytest.mark.django_db

EXPORT = Path(__file__).parent / "fixtures" / "wordpress-export.xml"
ADD = reverse("admin:wordpress_import_wordpressimport_add")
CHANGELIST = reverse("admin:wordpress_import_wordpressimport_changelist")
Status = WordPressImport.Status

# A small export with markup where WordPress keeps plain text: a trashed post's title and an unused
# category's name come back in the report's notes.
HOSTILE_EXPORT = b"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Hostile</title>
  <link>https://old.example.com</link>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>https://old.example.com</wp:base_site_url>
  <wp:category><wp:term_id>7</wp:term_id><wp:category_nicename>odd</wp:category_nicename>
    <wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[<img src=x onerror=alert(2)>Odd]]></wp:cat_name>
  </wp:category>
  <item>
    <title><![CDATA[&lt;script&gt;alert("owned")&lt;/script&gt; Clinic Hours]]></title>
    <dc:creator><![CDATA[admin]]></dc:creator>
    <content:encoded><![CDATA[Closed on Sundays.]]></content:encoded>
    <wp:post_id>41</wp:post_id>
    <wp:post_date>2024-03-01 09:00:00</wp:post_date>
    <wp:post_date_gmt>2024-03-01 09:00:00</wp:post_date_gmt>
    <wp:post_name>clinic-hours</wp:post_name>
    <wp:status>trash</wp:status>
    <wp:post_type>post</wp:post_type>
  </item>
</channel>
</rss>
"""


@pytest.fixture
def importer(client):
    """A staff member with the one permission the import pages need, signed in."""
    user = make_user("importer", staff=True)
    user.user_permissions.add(Permission.objects.get(codename="import_wordpress"))
    client.force_login(user)
    return user


def url(name: str, wp_import: WordPressImport) -> str:
    return reverse(f"admin:wordpress_import_wordpressimport_{name}", args=[wp_import.pk])


def export_upload(content: bytes | None = None, name: str = "healthyback-export.xml") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, EXPORT.read_bytes() if content is None else content, "text/xml")


def upload(client, callbacks, content=None, *, name="healthyback-export.xml", trial=False):
    """Upload through the add form and run what was queued on commit (the task, inline)."""
    data = {"export_file": export_upload(content, name)}
    if trial:
        data["dry_run"] = "on"
    with callbacks(execute=True):
        response = client.post(ADD, data)
    return response


def exports_left(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def test_staff_without_the_import_permission_get_403_everywhere(client, import_root):
    user = make_user(staff=True)
    # Even every permission on the model itself is not enough: importing is the permission.
    user.user_permissions.add(
        *Permission.objects.filter(content_type__model="wordpressimport").exclude(codename="import_wordpress")
    )
    client.force_login(user)
    wp_import = WordPressImport.objects.create(original_name="export.xml", status=Status.DONE)

    for page in (
        CHANGELIST,
        ADD,
        url("change", wp_import),
        url("progress", wp_import),
        url("delete", wp_import),
    ):
        assert client.get(page).status_code == 403, page
    assert client.post(ADD, {"export_file": export_upload()}).status_code == 403
    assert exports_left(import_root) == []
    assertNotContains(client.get(reverse("admin:index")), CHANGELIST)


def test_the_upload_page_explains_what_is_imported_and_how_to_bring_images(client, importer):
    page = client.get(ADD)

    assertContains(page, "python manage.py import_wordpress export.xml --media-dir DIR")
    assertContains(page, "Images are not imported from this page")
    assertContains(page, 'enctype="multipart/form-data"')
    form = parse_html(page)
    assert form.find("input", type="file", name="export_file").attrs["accept"].startswith(".xml")
    assert form.find("label", for_="id_export_file").text.startswith("WordPress export")
    assert form.find("label", for_="id_dry_run").text.startswith("Trial run")
    assert form.find("input", type="submit", name="_save").attrs["value"] == "Upload and import"


def test_an_uploaded_export_is_imported_in_the_background_and_deleted_after(
    client, importer, import_root, media_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(ADD, {"export_file": export_upload()})

    wp_import = WordPressImport.objects.get()
    assert response["Location"] == url("change", wp_import)
    assert wp_import.status == Status.QUEUED
    assert wp_import.original_name == "healthyback-export.xml"
    assert wp_import.created_by == importer
    stored = Path(wp_import.export_file.path)
    assert stored.is_relative_to(import_root)
    assert not stored.is_relative_to(media_root)  # never where the web server serves files from
    assert stored.read_bytes() == EXPORT.read_bytes()
    assert len(queued) == 1  # the task: enqueued once the row is committed

    queued[0]()  # the task runs (inline in the tests)

    wp_import.refresh_from_db()
    assert wp_import.status == Status.DONE, wp_import.error
    assert wp_import.started_at <= wp_import.finished_at
    assert wp_import.items_done == wp_import.items_total == 25
    counts = wp_import.report["counts"]
    assert counts["posts"] == {"created": 18, "updated": 0, "unchanged": 0, "skipped": 2}
    assert counts["comments"]["created"] == Comment.objects.count() > 0
    assert Article.objects.count() == 18
    assert wp_import.report["dry_run"] is False
    # Nothing of the export is left: neither the file nor the progress.
    assert not wp_import.export_file
    assert exports_left(import_root) == []

    page = client.get(url("change", wp_import))
    panel = parse_html(page).find("section", class_="wordpress-import-panel")
    assert "data-progress-url" not in panel.attrs  # finished: the page stops polling
    assert panel.find("h2").text == "Status: Finished"
    assert panel.find("progress").attrs["value"] == "100"
    assert panel.find(id="import-progress-text").text == "25 of 25 items"
    rows = {
        row.find("th").text: [cell.text for cell in row.find_all("td")]
        for row in panel.find("tbody").find_all("tr")
    }
    assert rows["Posts"][:4] == ["18", "0", "0", "2"]
    assert "1 in the WordPress trash" in rows["Posts"][4]
    assertContains(page, "skipped: in the WordPress trash")
    assertNotContains(page, "Trial run: nothing")
    assertNotContains(page, 'name="_save"')  # a record: nothing to edit


def test_a_trial_run_saves_nothing_but_reports_what_it_would_do(
    client, importer, import_root, django_capture_on_commit_callbacks
):
    upload(client, django_capture_on_commit_callbacks, trial=True)

    wp_import = WordPressImport.objects.get()
    assert wp_import.dry_run
    assert wp_import.status == Status.DONE, wp_import.error
    assert wp_import.report["dry_run"] is True
    assert wp_import.report["counts"]["posts"]["created"] == 18
    assert Article.objects.count() == Category.objects.count() == Redirect.objects.count() == 0
    assert Comment.objects.count() == 0
    assert exports_left(import_root) == []

    page = client.get(url("change", wp_import))
    assertContains(page, "<strong>Trial run: nothing was saved.</strong>", html=True)
    assertContains(page, "What importing this export would do")


def test_a_cut_short_export_fails_clearly_and_imports_nothing(
    client, importer, import_root, django_capture_on_commit_callbacks
):
    whole = EXPORT.read_bytes()
    upload(client, django_capture_on_commit_callbacks, whole[: len(whole) // 2])

    wp_import = WordPressImport.objects.get()
    assert wp_import.status == Status.FAILED
    assert "cut short" in wp_import.error
    assert wp_import.error.endswith("Nothing was imported.")
    assert wp_import.report == {}
    assert Article.objects.count() == Category.objects.count() == Comment.objects.count() == 0
    assert exports_left(import_root) == []

    page = client.get(url("change", wp_import))
    alert = parse_html(page).find(role="alert")
    assert "The import failed." in alert.text
    assert wp_import.error in alert.text
    assert parse_html(page).find_all("progress") == []


def test_the_import_runs_once_even_if_its_task_runs_twice(
    client, importer, django_capture_on_commit_callbacks
):
    upload(client, django_capture_on_commit_callbacks)
    wp_import = WordPressImport.objects.get()

    assert jobs.run_import(wp_import.pk) == "not queued"
    assert Article.objects.count() == 18


def test_an_export_missing_on_the_workers_side_fails_with_a_hint(importer):
    wp_import = WordPressImport.objects.create(original_name="export.xml", export_file="exports/gone.xml")

    assert jobs.run_import(wp_import.pk) == Status.FAILED

    wp_import.refresh_from_db()
    assert "WORDPRESS_IMPORT_ROOT" in wp_import.error


def test_an_unexpected_error_fails_the_import_and_still_deletes_the_export(
    client, importer, import_root, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(jobs, "import_wxr", broken)
    upload(client, django_capture_on_commit_callbacks)

    wp_import = WordPressImport.objects.get()
    assert wp_import.status == Status.FAILED
    assert wp_import.error.startswith("The import stopped on an unexpected error (RuntimeError).")
    assert "the database went away" not in wp_import.error  # details go to the log, not the page
    assert exports_left(import_root) == []


def test_a_queued_import_waits_for_the_worker_with_an_indeterminate_bar(client, importer):
    wp_import = WordPressImport.objects.create(original_name="export.xml", dry_run=True)

    page = parse_html(client.get(url("change", wp_import)))

    panel = page.find("section", class_="wordpress-import-panel")
    assert panel.find("h2").text == "Status: Waiting for the worker"
    assert "value" not in panel.find("progress").attrs
    assert panel.find(role="status").text == "Waiting for the background worker to start the import."
    assert "Trial run: nothing will be saved." in panel.text
    assert client.get(url("progress", wp_import)).json()["percent"] is None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("export.csv", b"<rss/>", "Choose the .xml file"),
        ("export.XML.zip", b"PK\x03\x04", "Choose the .xml file"),
        ("export.xml", b"PK\x03\x04 a zip file renamed", "This file is not XML"),
    ],
)
def test_only_xml_files_are_taken_and_the_trial_run_choice_is_kept(
    client, importer, import_root, name, content, message
):
    response = client.post(ADD, {"export_file": export_upload(content, name), "dry_run": "on"})

    assert response.status_code == 200
    assert message in response.context["adminform"].form.errors["export_file"][0]
    assert parse_html(response).find("input", name="dry_run").attrs.get("checked") is not None
    assert not WordPressImport.objects.exists()
    assert exports_left(import_root) == []


def test_an_export_over_the_size_limit_is_refused(client, importer, monkeypatch):
    monkeypatch.setattr(admin_imports, "MAX_EXPORT_SIZE", 1000)

    response = client.post(ADD, {"export_file": export_upload()})

    [error] = response.context["adminform"].form.errors["export_file"]
    assert "this page takes exports up to 1000" in error
    assert "import_wordpress command" in error
    assert not WordPressImport.objects.exists()


def test_the_progress_endpoint_reads_the_progress_file_while_the_import_runs(client, importer):
    wp_import = WordPressImport.objects.create(original_name="export.xml", status=Status.RUNNING)
    progress = jobs.ProgressFile(jobs.progress_path(wp_import.pk))

    started = client.get(url("progress", wp_import))
    assert "no-store" in started["Cache-Control"]
    assert started.json()["percent"] is None  # the worker has not written yet: an indeterminate bar

    progress("checking", 500_000, 1_000_000)
    checking = client.get(url("progress", wp_import)).json()
    assert checking["step"].startswith("Step 1 of 2")
    assert checking["percent"] == 50

    progress("importing", 12, 25)
    data = client.get(url("progress", wp_import)).json()
    assert data == {
        "status": "running",
        "status_label": "Importing",
        "phase": "importing",
        "done": 12,
        "total": 25,
        "percent": 48,
        "step": "Step 2 of 2: importing.",
        "text": "12 of 25 items",
        "finished": False,
        "stalled": False,
    }
    page = parse_html(client.get(url("change", wp_import)))
    panel = page.find("section", class_="wordpress-import-panel")
    assert panel.attrs["data-progress-url"] == url("progress", wp_import)
    assert panel.find("progress").attrs["value"] == "48"
    assert panel.find("label", for_="import-progress").text == "Progress"

    WordPressImport.objects.filter(pk=wp_import.pk).update(status=Status.DONE, items_done=25, items_total=25)
    progress.remove()
    finished = client.get(url("progress", wp_import)).json()
    assert finished["finished"] is True
    assert finished["text"] == "25 of 25 items"


def test_progress_is_written_a_few_times_a_second_at_most(tmp_path, monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(jobs.time, "monotonic", lambda: clock[0])
    progress = jobs.ProgressFile(tmp_path / "progress" / "1.json")
    writes = []
    monkeypatch.setattr(progress, "write", writes.append)

    for done in range(1, 101):
        progress("importing", done, 200)
    clock[0] += 1
    progress("importing", 150, 200)
    progress("importing", 200, 200)  # the last one always

    assert [data["done"] for data in writes] == [1, 150, 200]


def test_the_progress_file_is_replaced_whole(tmp_path):
    path = tmp_path / "progress" / "3.json"
    progress = jobs.ProgressFile(path)

    progress("importing", 3, 9)
    progress.write({"phase": "importing", "done": 4, "total": 9})

    assert path.read_text() == '{"phase": "importing", "done": 4, "total": 9}'
    assert [p.name for p in path.parent.iterdir()] == ["3.json"]  # no temporary files left


def test_notes_are_shown_as_text_never_as_markup(client, importer, django_capture_on_commit_callbacks):
    upload(client, django_capture_on_commit_callbacks, HOSTILE_EXPORT, name="hostile.xml")
    wp_import = WordPressImport.objects.get()
    assert wp_import.status == Status.DONE, wp_import.error

    page = client.get(url("change", wp_import))

    panel = parse_html(page).find("section", class_="wordpress-import-panel")
    notes = [item.text for item in panel.find("ul", class_="wordpress-import-notes").find_all("li")]
    assert 'Posts “<script>alert("owned")</script> Clinic Hours”: skipped: in the WordPress trash' in notes
    assert any("<img src=x onerror=alert(2)>Odd" in note for note in notes)
    assert panel.find_all("script") == panel.find_all("img") == []
    assertContains(page, "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;")


def test_the_list_summarises_each_import_in_a_fixed_number_of_queries(
    client, importer, django_assert_max_num_queries
):
    report = {
        "dry_run": False,
        "counts": {"posts": {"created": 15}, "comments": {"created": 80, "updated": 1}},
    }
    WordPressImport.objects.create(
        original_name="first.xml", status=Status.DONE, report=report, created_by=importer
    )
    client.get(CHANGELIST)
    for number in range(10):
        WordPressImport.objects.create(
            original_name=f"more-{number}.xml", status=Status.FAILED, created_by=importer
        )

    with django_assert_max_num_queries(10):
        page = client.get(CHANGELIST)

    rows = parse_html(page).find("table", id="result_list").find("tbody").find_all("tr")
    assert len(rows) == 11
    first = rows[-1]
    assert first.find("th").text == "first.xml"
    assert first.find("td", class_="field-summary").text == "15 posts, 81 comments"
    assert first.find("td", class_="field-state").text == "Finished"
    assert first.find("td", class_="field-created_by").text == "importer"


def test_a_finished_import_can_be_deleted_but_never_changed_and_a_running_one_not_deleted(
    client, importer, django_capture_on_commit_callbacks
):
    upload(client, django_capture_on_commit_callbacks)
    finished = WordPressImport.objects.get()
    running = WordPressImport.objects.create(original_name="big.xml", status=Status.RUNNING)

    assert client.post(url("change", finished), {"dry_run": "on"}).status_code == 403
    assert client.get(url("delete", running)).status_code == 403
    assert client.post(url("delete", finished), {"post": "yes"}).status_code == 302
    assert list(WordPressImport.objects.all()) == [running]
    assert Article.objects.count() == 18  # deleting the record undoes nothing


def test_deleting_a_queued_import_deletes_its_export(
    client, importer, import_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():  # the worker never gets to it
        client.post(ADD, {"export_file": export_upload()})
    wp_import = WordPressImport.objects.get()
    assert exports_left(import_root) != []

    client.post(url("delete", wp_import), {"post": "yes"})

    assert exports_left(import_root) == []
    assert jobs.run_import(wp_import.pk) == "not queued"


def test_an_import_whose_worker_is_gone_says_so_and_can_be_deleted(client, importer):
    started = timezone.now() - timedelta(minutes=30)
    wp_import = WordPressImport.objects.create(
        original_name="big.xml", status=Status.RUNNING, started_at=started
    )
    progress = jobs.ProgressFile(jobs.progress_path(wp_import.pk))
    progress("importing", 3, 25)

    # Written a moment ago: alive, and not to be deleted under the worker's feet.
    assert client.get(url("progress", wp_import)).json()["stalled"] is False
    assert client.get(url("delete", wp_import)).status_code == 403

    eleven_minutes_ago = time.time() - 11 * 60
    os.utime(jobs.progress_path(wp_import.pk), (eleven_minutes_ago, eleven_minutes_ago))

    data = client.get(url("progress", wp_import)).json()
    assert data["stalled"] is True
    assert "nothing of this one was saved" in data["step"]
    alert = parse_html(client.get(url("change", wp_import))).find("div", class_="errornote")
    assert "the background worker was probably stopped" in alert.text
    assert client.post(url("delete", wp_import), {"post": "yes"}).status_code == 302
    assert not WordPressImport.objects.exists()
