"""Newsletter emails end to end with the real worker process and a real SMTP server that is down
at first: a sign-up never waits for the mail server, and its confirmation is delayed, not lost."""

import re
import socket
import time

import pytest
from django.core import signing
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from newsletter.models import Subscriber
from newsletter.services import personal_data_erase, subscriber_suppress
from newsletter.tokens import UNSUBSCRIBE_SALT
from tests.conftest import free_port, send_mail_to, smtp_server_on
from tests.test_mail import run_worker
from tests.test_worker import DATABASE_BACKEND

SITE_URL = "https://healthyback.example"
ADDRESS = "reader@example.com"
TASK_PATH = "core.tasks.deliver_email"


@pytest.fixture
def smtp_port(settings):
    """A port where nothing listens yet; the test process's own mail settings point there too, so
    an email sent inside a request would show up as a connection attempt."""
    settings.TASKS = DATABASE_BACKEND
    settings.SITE_URL = SITE_URL
    send_mail_to(settings, free_port())
    return settings.EMAIL_PORT


def sign_up_without_touching_smtp(client, port: int):
    """POST the sign-up box while a bare socket listens on the SMTP port and never accepts: any SMTP
    attempt during the request would leave a connection waiting in its queue (or hang the request)."""
    with socket.socket() as watcher:
        watcher.bind(("127.0.0.1", port))
        watcher.listen(8)
        watcher.setblocking(False)
        response = client.post(reverse("newsletter:subscribe"), {"email": ADDRESS, "source": "/"})
        with pytest.raises(BlockingIOError):
            watcher.accept()  # nobody knocked
    # The socket is closed again: from here on nothing listens on the port.
    return response


def deliveries(status):
    return DBTaskResult.objects.filter(task_path=TASK_PATH, status=status)


def run_worker_ok(port: int):
    worker = run_worker(port)
    assert worker.returncode == 0, worker.stderr
    return worker


def run_worker_while_down(port: int) -> DBTaskResult:
    run_worker_ok(port)
    [tried] = deliveries(TaskResultStatus.SUCCESSFUL)
    assert tried.return_value.startswith("mail server unavailable; try 2 at ")
    [retry] = deliveries(TaskResultStatus.READY)  # the message waits in the queue, not lost
    assert retry.args_kwargs["args"][0]["to"] == [ADDRESS]
    return retry


def run_worker_after_retry_time(port: int):
    time.sleep(1)  # past the retry's run_after (EMAIL_RETRY_SECONDS=0.5 in the worker)
    run_worker_ok(port)


def unsubscribe_link_of(message) -> str:
    # Python folds the long header onto a continuation line, hence the whitespace to strip.
    [link] = re.fullmatch(r"<(\S+)>", message["List-Unsubscribe"].strip()).groups()
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    return link


@pytest.mark.django_db(transaction=True)
def test_a_sign_up_is_confirmed_once_the_mail_server_is_back(client, smtp_port):
    response = sign_up_without_touching_smtp(client, smtp_port)

    assert response.status_code == 303
    assert response["Location"] == reverse("newsletter:check_inbox")
    [queued] = deliveries(TaskResultStatus.READY)  # enqueued once the request's transaction committed
    assert queued.args_kwargs["args"][0]["to"] == [ADDRESS]

    retry = run_worker_while_down(smtp_port)
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    with smtp_server_on(smtp_port) as mailbox:
        run_worker_after_retry_time(smtp_port)
        retry.refresh_from_db()
        assert retry.status == TaskResultStatus.SUCCESSFUL
        assert retry.return_value == "sent to 1 recipient(s)"
        [confirmation] = mailbox.messages
        assert confirmation["To"] == ADDRESS
        assert confirmation["Subject"] == "Please confirm your Healthy Back newsletter sign-up"
        text = confirmation.get_body(preferencelist=("plain",)).get_content()
        html = confirmation.get_body(preferencelist=("html",)).get_content()
        [confirm_url] = re.findall(rf"{re.escape(SITE_URL)}/newsletter/confirm/\S+/", text)
        assert f'href="{confirm_url}"' in html
        subscriber = Subscriber.objects.get()
        leave = unsubscribe_link_of(confirmation)
        token = leave.removeprefix(f"{SITE_URL}/newsletter/unsubscribe/").removesuffix("/")
        assert signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token) == subscriber.token
        assert leave in text

        confirm_path = confirm_url.removeprefix(SITE_URL)
        assert client.get(confirm_path).status_code == 200
        assert Subscriber.objects.get().status == Subscriber.Status.PENDING  # GET only asks
        welcome_page = client.post(confirm_path)
        assert welcome_page.status_code == 200
        assert b"Welcome! You're subscribed" in welcome_page.content
        assert mailbox.messages == [confirmation]  # the welcome email, too, waits for the worker
        run_worker_ok(smtp_port)

    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED
    [_, welcome] = mailbox.messages
    assert welcome["To"] == ADDRESS
    assert welcome["Subject"] == "Welcome to the Healthy Back newsletter"
    assert unsubscribe_link_of(welcome) == leave
    assert welcome.get_body(preferencelist=("html",)).get_content().strip()
    assert not deliveries(TaskResultStatus.READY).exists()


@pytest.mark.parametrize("leaves", ["suppressed", "erased"])
@pytest.mark.django_db(transaction=True)
def test_an_address_removed_while_the_server_was_down_gets_nothing(client, smtp_port, leaves):
    response = sign_up_without_touching_smtp(client, smtp_port)
    assert response.status_code == 303
    retry = run_worker_while_down(smtp_port)

    if leaves == "suppressed":
        subscriber_suppress(subscriber=Subscriber.objects.get(), reason=Subscriber.Reason.COMPLAINED)
    else:
        assert personal_data_erase(email=ADDRESS)

    with smtp_server_on(smtp_port) as mailbox:
        run_worker_after_retry_time(smtp_port)

    retry.refresh_from_db()
    assert retry.status == TaskResultStatus.SUCCESSFUL
    assert retry.return_value == "not sent: no longer wanted"
    assert mailbox.messages == []
    assert not deliveries(TaskResultStatus.READY).exists()
