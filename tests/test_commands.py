"""`setup_dev` (what `make run` calls after migrating) and `seed_demo`."""

import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command


def run(command: str, *args) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_first_run_creates_a_superuser_with_a_random_password_shown_once(rf):
    output = run("setup_dev", "--site-url", "http://127.0.0.1:9000")

    assert "9 categories" in output  # the demo content, on the first run only
    password = re.search(r"password: (\S+)", output).group(1)
    assert "http://127.0.0.1:9000/admin/" in output
    assert len(password) >= 16
    assert password != "admin"
    user = get_user_model().objects.get()
    assert user.username == "admin"
    assert user.is_staff
    assert user.is_superuser
    assert authenticate(rf.post("/admin/login/"), username="admin", password=password) == user

    again = run("setup_dev", "--site-url", "http://127.0.0.1:9000")
    assert password not in again
    assert "changepassword admin" in again
    assert get_user_model().objects.count() == 1


@pytest.mark.django_db
def test_two_first_runs_get_different_passwords():
    first = re.search(r"password: (\S+)", run("setup_dev")).group(1)
    get_user_model().objects.all().delete()
    second = re.search(r"password: (\S+)", run("setup_dev")).group(1)
    assert first != second
