"""Browser-test harness: Playwright driving Debian's Chromium against pytest-django's live server.

HEALTHYBACK_BROWSER_TESTS decides what happens when Chromium is missing: `auto` (the default for
`make test` on a laptop) skips these tests with a reason, `1` (what .ci/run sets) fails them, so CI
can never pass without a browser; `0` skips them on purpose.
"""

import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

CHROMIUM_FLAGS = [
    # No network but loopback here: keep Chromium from calling Google's services at start-up.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--disable-gpu",
    "--no-first-run",
]


def chromium_path() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if Path(configured).is_file() else None
    return shutil.which("chromium")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    mode = os.environ.get("HEALTHYBACK_BROWSER_TESTS", "auto").lower()
    if mode in {"0", "off", "no"}:
        pytest.skip("browser tests turned off (HEALTHYBACK_BROWSER_TESTS=0)")
    executable = chromium_path()
    if executable is None:
        message = "Chromium not found: install Debian's `chromium` package or set CHROMIUM_PATH"
        if mode in {"1", "on", "yes"}:
            pytest.fail(message + " (HEALTHYBACK_BROWSER_TESTS=1 requires it)")
        pytest.skip(message)
    args = [*browser_type_launch_args.get("args", []), *CHROMIUM_FLAGS]
    return {**browser_type_launch_args, "executable_path": executable, "args": args}


@pytest.fixture
def console_errors(page):
    """Errors the page logs (a CSP violation, a failed script) while the test runs."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Run axe-core (bundled with axe-playwright-python, no download) and fail on serious issues."""

    def check(page):
        violations = [v for v in axe.run(page).response["violations"] if v["impact"] in SERIOUS]
        report = "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(node["target"][0] for node in v["nodes"][:5])
            for v in violations
        )
        assert not violations, f"axe-core found serious accessibility problems on {page.url}:\n{report}"

    return check


PROJECT = Path(__file__).resolve().parents[2]


@contextmanager
def running_worker(log: Path, **environment: str):
    """A real `manage.py db_worker` process on the test database for the length of the block,
    with `environment` added to its settings; it writes to `log` (`process.log`)."""
    from tests.test_worker import database_url_of_the_test_database

    with log.open("w") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                "0.2",
            ],
            cwd=PROJECT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "healthyback.settings",
                "DATABASE_URL": database_url_of_the_test_database(),
                **environment,
            },
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    process.log = log
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
