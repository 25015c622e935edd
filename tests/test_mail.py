"""Email delivery by the worker: the visitor never waits for SMTP, and a mail server that is down
delays messages instead of losing them."""

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.mail import deliver, render_message, retry_delay
from core.tasks import deliver_email
from tests.conftest import MailBox, free_port
from tests.test_worker import DATABASE_BACKEND, database_url_of_the_test_database

PROJECT = Path(__file__).resolve().parent.parent
MESSAGE = {"subject": "Hello", "text": "Plain part", "html": "<p>HTML part</p>", "to": ["reader@example.com"],
           "headers": {}}  # fmt: skip


def run_worker(smtp_port: int) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay"],
        cwd=PROJECT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "healthyback.settings",
            "DATABASE_URL": database_url_of_the_test_database(),
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "EMAIL_RETRY_SECONDS": "0.5",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db(transaction=True)
def test_mail_waits_while_the_server_is_down_and_goes_out_when_it_is_back(settings):
    from aiosmtpd.controller import Controller

    settings.TASKS = DATABASE_BACKEND
    port = free_port()  # nothing listens there yet
    deliver_email.enqueue(MESSAGE)

    first = run_worker(port)
    assert first.returncode == 0, first.stderr
    # (The worker also runs its periodic jobs: only the email's tasks are looked at.)
    emails = DBTaskResult.objects.filter(task_path="core.tasks.deliver_email")
    [tried] = emails.filter(status=TaskResultStatus.SUCCESSFUL)
    assert tried.return_value.startswith("mail server unavailable; try 2 at ")
    [retry] = emails.filter(status=TaskResultStatus.READY)
    assert retry.run_after > tried.finished_at

    mailbox = MailBox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        time.sleep(1)  # past the retry's run_after
        second = run_worker(port)
        assert second.returncode == 0, second.stderr
    finally:
        controller.stop()

    retry.refresh_from_db()
    assert retry.status == TaskResultStatus.SUCCESSFUL
    assert retry.return_value == "sent to 1 recipient(s)"
    [message] = mailbox.messages
    assert message["To"] == "reader@example.com"
    assert message.get_body(preferencelist=("html",)).get_content().strip() == "<p>HTML part</p>"


def test_after_a_day_of_failures_the_worker_gives_up_visibly(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    a_day_ago = (timezone.now() - timedelta(days=1, minutes=1)).isoformat()
    with pytest.raises(ConnectionRefusedError):  # the task fails with it, shown in the admin
        deliver(MESSAGE, first_tried_at=a_day_ago, attempt=30)


def test_retries_back_off_up_to_an_hour(settings):
    settings.EMAIL_RETRY_SECONDS = 60
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 7, 8, 20)] == [60, 120, 240, 3600, 3600, 3600]


def test_messages_go_out_through_the_worker_with_both_parts(smtp_server):
    deliver_email.enqueue(MESSAGE)  # the immediate backend runs it here
    [message] = smtp_server.messages
    assert message.get_body(preferencelist=("plain",)).get_content().strip() == "Plain part"
    assert message["From"] == "Healthy Back <newsletter@localhost>"


def test_subjects_and_headers_are_one_line_whatever_the_context(db):
    message = render_message(
        "comments/emails/moderation",
        {"article": {"title": "A\r\nBcc: x@example.com"}, "comment": {}, "approve_path": "", "spam_path": "",
         "admin_path": ""},
        to=["m@example.com"],
        headers={"List-Id": "news\nBcc: y@example.com"},
    )  # fmt: skip
    assert "\n" not in message["subject"]
    assert message["headers"]["List-Id"] == "news Bcc: y@example.com"
