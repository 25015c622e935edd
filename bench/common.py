"""What the benchmark scripts share: logging, failures, the app's environment and its commands.

The scripts run as `python bench/<script>.py`, so they import this module as `common`.
"""

import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class BenchError(Exception):
    """A set-up step failed: the message says what to do."""


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def bench_database_name(url: str, *, example: str) -> str:
    """The name of the PostgreSQL database in `url`, which must be one kept for benchmarks."""
    match = re.fullmatch(r"(postgres|postgresql|pgsql)://[^?]*/([^/?]+)(\?.*)?", url)
    if not match:
        raise BenchError("--database-url must be postgres://user@host:5432/name")
    if "bench" not in match.group(2):
        raise BenchError(
            f"--database-url names the database '{match.group(2)}': use one dedicated to benchmarks, whose "
            f"name contains 'bench' (createdb -h 127.0.0.1 -U postgres {example})"
        )
    return match.group(2)


def app_environment(*, media_root: str, database_url: str, **extra: str) -> dict:
    """Production-like: debug off, throwaway secrets; other app variables pass through."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "RECAPTCHA_PUBLIC_KEY": "bench-throwaway-public-key",
        "RECAPTCHA_PRIVATE_KEY": "bench-throwaway-private-key",
        "MEDIA_ROOT": media_root,
        "DATABASE_URL": database_url,
        # Not the placeholder, so the system checks do not warn in every command's output.
        "NEWSLETTER_POSTAL_ADDRESS": "Healthy Back, 1 Benchmark Row, Springfield, ST 00001, USA",
        "EMAIL_URL": "console:",
        **extra,
    }


def run_app(args: list[str], env: dict, what: str) -> str:
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BenchError(f"{what} failed (exit {done.returncode}):\n{done.stderr.strip()[-3000:]}")
    return done.stdout


def cpu_seconds(usage) -> float:
    return usage.ru_utime + usage.ru_stime


def memory_kib(pid: int) -> tuple[int, int] | None:
    """The process's resident set now and its high-water mark so far (VmRSS, VmHWM), from /proc;
    None once it has exited."""
    try:
        with open(f"/proc/{pid}/status") as status:
            fields = dict(line.split(":", 1) for line in status if line.startswith(("VmRSS:", "VmHWM:")))
        return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])
    except (FileNotFoundError, ProcessLookupError, KeyError):
        return None


class MeasuredProcess:
    """One app command run in a subprocess, waited for with wait4() for its own resource usage
    (RUSAGE_CHILDREN would also count every other subprocess the script ran)."""

    def __init__(self, args: list[str], env: dict, stdout_path: Path, stderr_path: Path | None = None):
        # Closed in poll(); stderr joins stdout unless it has a file of its own.
        self.stdout = open(stdout_path, "w")  # noqa: SIM115
        self.stderr = open(stderr_path, "w") if stderr_path else None  # noqa: SIM115
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            stdout=self.stdout,
            stderr=self.stderr or subprocess.STDOUT,
        )
        self.seconds = None
        self.usage = None

    def poll(self) -> bool:
        """True once the process has exited (and been reaped, with its resource usage)."""
        pid, status, usage = os.wait4(self.process.pid, os.WNOHANG)
        if pid == 0:
            return False
        self.seconds = time.monotonic() - self.started
        self.usage = usage
        # Reaped here, not by Popen: tell it the exit code so it never waits for the pid again.
        self.process.returncode = os.waitstatus_to_exitcode(status)
        self.stdout.close()
        if self.stderr:
            self.stderr.close()
        return True

    def stop(self) -> None:
        """Kill this process (only this pid) if it is still running."""
        if self.process.returncode is None:
            self.process.kill()
            while not self.poll():
                time.sleep(0.05)
