"""`bin/serve` (the end of `make run`): the server and the worker start and stop together."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def processes_in_session(session_id: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getsid(int(entry.name)) == session_id:
                    pids.append(int(entry.name))
            except ProcessLookupError:
                pass
    return pids


def wait_for_health(url: str, seconds: float) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} never answered")


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "term"])
def test_stopping_serve_stops_the_server_and_the_worker(tmp_path, stop_signal):
    port = free_port()
    environ = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "healthyback.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "",
        "PY": sys.executable,
        "PORT": str(port),
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=PROJECT,
        env=environ,
        check=True,
        capture_output=True,
        timeout=120,
    )
    serve = subprocess.Popen(
        ["bin/serve"],
        cwd=PROJECT,
        env=environ,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert wait_for_health(f"http://127.0.0.1:{port}/healthz", seconds=60) == 200
        # The script, runserver (with its autoreloader child) and the worker are all running.
        assert len(processes_in_session(serve.pid)) >= 3

        serve.send_signal(stop_signal)

        serve.wait(timeout=30)
        deadline = time.monotonic() + 10
        while processes_in_session(serve.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert processes_in_session(serve.pid) == []
    finally:
        if serve.poll() is None or processes_in_session(serve.pid):
            os.killpg(serve.pid, signal.SIGKILL)
