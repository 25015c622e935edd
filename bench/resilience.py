"""Proof under load and faults: the production stack, a steady mix of visitors, things broken on purpose.

    .venv/bin/python bench/resilience.py load --minutes 10 --rate 30   # steady load, no faults
    .venv/bin/python bench/resilience.py faults --rate 30              # each fault once, during load
    .venv/bin/python bench/resilience.py smoke                         # CI: under 3 minutes

Everything runs on this machine, in a temporary folder removed on exit, on ports of its own: a
PostgreSQL 15 cluster of its own (initdb/pg_ctl from /usr/lib/postgresql/15/bin, run as the
`postgres` OS user when we are root), a redis-server of its own, an SMTP server (aiosmtpd, in this
process) that every email goes to (EMAIL_URL=smtp://127.0.0.1:PORT), and a fake of Google's
reCAPTCHA siteverify (HTTPS with a throwaway certificate, trusted through SSL_CERT_FILE;
RECAPTCHA_DOMAIN points django-recaptcha at it, read by bench/settings.py). The app runs as the README's production
command: gunicorn gthread 2 x 4 --reuse-port, MALLOC_ARENA_MAX=2, DJANGO_DEBUG unset,
DJANGO_TRUSTED_PROXIES=1, and `manage.py db_worker --no-reload` beside it, restarted 5 s after it
dies, as systemd's `Restart=always` would. The system PostgreSQL and Redis are never touched.

Visitors arrive at a steady rate (open loop: a slow answer does not slow the arrivals) and each has
its own X-Forwarded-For address. The mix: article pages, searches, comments and newsletter sign-ups.
A comment or a sign-up is posted the way static/js/forms.js does it: GET /form-token/ (CSRF cookie,
token and the signed start time), then the POST; a commenter waits past the form's minimum fill time
first and sends the reCAPTCHA answer the fake accepts, then follows the redirect to their comment.

Afterwards the script counts in the database and at the SMTP server: every comment whose POST was
answered with its address (302 to ?comment=N) must be a row; every sign-up answered 303 must have
given its new address exactly one confirmation email. Faults (each during load, one after the other):
PostgreSQL restarted, Redis killed, Google unreachable (the fake stopped), SMTP down, the worker
killed with SIGKILL while the SMTP server holds an email, and the worker killed in the middle of a
campaign. For each: errors by status during and after it, the recovery time, emails promised,
delivered and duplicated. PASS/FAIL lines at the end; exit status 1 on any FAIL.
See bench/README.md ("Load and faults") for what each check means and the figures measured.
"""

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

# Run as `python bench/resilience.py`: this folder is on the path.
from common import ROOT, BenchError, app_environment, log, run_app

SCRIPT = str(Path(__file__).resolve())
PGBIN = Path("/usr/lib/postgresql/15/bin")
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
GUNICORN_ARGS = ["--worker-class", "gthread", "--workers", "2", "--threads", "4", "--reuse-port"]
SIGNUP_DOMAIN = "signup.loadbench.net"
CAMPAIGN_DOMAIN = "campaign.loadbench.net"
CAMPAIGN_SUBJECT = "[bench] A calmer back this week"
RECAPTCHA_PASS = "bench-recaptcha-pass"  # noqa: S105 - what the fake Google accepts
SEARCH_TERMS = [
    "back",
    "pain",
    "posture",
    "sleep",
    "exercise",
    "sitting",
    "stretch",
    "lifting",
    "disc",
    "walk",
]
# What a healthy answer is, per kind of request.
EXPECTED = {
    "article": 200,
    "search": 200,
    "form-token": 200,
    "comment": 302,
    "comment-return": 200,
    "signup": 303,
}
MIX = {"article": 0.70, "search": 0.15, "comment": 0.075, "signup": 0.075}
WORKER_STALE_SECONDS = 15
WORKER_HEARTBEAT_SECONDS = 5
RESTART_DELAY = 5.0  # seconds before a dead worker is started again (systemd's RestartSec)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(what: str, check, timeout: float = 30.0, interval: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exception:  # noqa: S110 - not up yet
            pass
        time.sleep(interval)
    raise BenchError(f"{what} did not come up within {timeout:.0f} s")


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


# --------------------------------------------------------------------------------------------
# Our own servers: PostgreSQL, Redis, SMTP, Google's siteverify
# --------------------------------------------------------------------------------------------
class OwnPostgres:
    """A PostgreSQL 15 cluster of our own in the temporary folder, on a port of its own."""

    def __init__(self, tmp: Path):
        self.port = free_port()
        self.dir = tmp / "pg"
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if not (PGBIN / "initdb").exists():
            raise BenchError(f"no PostgreSQL 15 binaries in {PGBIN} (apt-get install postgresql)")
        self.dir.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run(
            [
                str(PGBIN / "initdb"),
                "-D",
                str(self.dir),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-instructions",
            ]
        )
        with open(self.dir / "postgresql.conf", "a") as conf:
            conf.write(
                f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{self.dir}'\n"
                "max_connections = 100\nfsync = off\nfull_page_writes = off\n"
            )
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/bench_resilience"

    def _run(self, args: list[str]) -> None:
        done = subprocess.run(self.as_postgres + args, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise BenchError(f"{' '.join(args[:2])} failed: {done.stderr.strip()[-2000:]}")

    def start(self) -> None:
        self._run(
            [str(PGBIN / "pg_ctl"), "-D", str(self.dir), "-l", str(self.dir / "server.log"), "-w", "start"]
        )

    def stop(self) -> None:
        self._run([str(PGBIN / "pg_ctl"), "-D", str(self.dir), "-m", "fast", "-w", "stop"])

    def createdb(self) -> None:
        self._run(
            [
                str(PGBIN / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "bench_resilience",
            ]
        )

    def close(self) -> None:
        if (self.dir / "postmaster.pid").exists():
            subprocess.run(
                [
                    *self.as_postgres,
                    str(PGBIN / "pg_ctl"),
                    "-D",
                    str(self.dir),
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                ],
                capture_output=True,
                check=False,
            )


class OwnRedis:
    def __init__(self, tmp: Path):
        if not shutil.which("redis-server"):
            raise BenchError("redis-server is missing (apt-get install redis-server)")
        self.port = free_port()
        self.tmp = tmp
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                str(self.tmp),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for("redis-server", lambda: port_open(self.port), timeout=10)

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


class Sink:
    """The SMTP server's handler: counts what each address received and when it first did. While
    `hold_seconds` is set, the next message is held that long before the answer (the worker is
    killed meanwhile); a message whose sender has gone by then is dropped, not delivered, like a
    server that never said 250."""

    def __init__(self):
        self.lock = threading.Lock()
        self.per_address = Counter()
        self.first_at = {}
        self.subjects = Counter()
        self.hold_seconds = 0.0
        self.holding = threading.Event()
        self.held_address = None
        self.dropped = []

    async def handle_DATA(self, server, session, envelope):
        if self.hold_seconds and not self.holding.is_set():
            self.held_address = envelope.rcpt_tos[0].lower()
            self.holding.set()
            try:
                await asyncio.sleep(self.hold_seconds)
            except asyncio.CancelledError:  # aiosmtpd cancels the handler when the sender is gone
                with self.lock:
                    self.dropped.append(self.held_address)
                raise
            reader = getattr(server, "_reader", None)
            transport = getattr(server, "transport", None)
            if (reader is not None and reader.at_eof()) or transport is None or transport.is_closing():
                with self.lock:
                    self.dropped.append(self.held_address)
                return "421 sender gone before the answer: not delivered"
        subject = re.search(rb"^Subject: ?(.*)$", envelope.content, re.MULTILINE | re.IGNORECASE)
        now = time.monotonic()
        with self.lock:
            for address in envelope.rcpt_tos:
                address = address.lower()
                self.per_address[address] += 1
                self.first_at.setdefault(address, now)
            self.subjects[
                (subject.group(1).strip()[:60] if subject else b"?").decode("utf-8", "replace")
            ] += 1
        return "250 OK"


class SmtpServer:
    def __init__(self, sink: Sink):
        self.sink = sink
        self.port = free_port()
        self.controller = None

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        self.controller = Controller(
            self.sink, hostname="127.0.0.1", port=self.port, server_hostname="sink.bench"
        )
        self.controller.start()

    def stop(self) -> None:
        if self.controller:
            self.controller.stop()
            self.controller = None


class FakeGoogle:
    """Google's reCAPTCHA siteverify, over HTTPS with a certificate made for this run: the answer
    RECAPTCHA_PASS passes, any other fails. Stopped, it refuses connections: Google unreachable."""

    def __init__(self, tmp: Path):
        self.port = free_port()
        self.cert, self.key = tmp / "google-cert.pem", tmp / "google-key.pem"
        done = subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-keyout",
                str(self.key),
                "-out",
                str(self.cert),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise BenchError(f"openssl could not make a certificate: {done.stderr[-1000:]}")
        self.calls = Counter()
        self.server = None
        self.thread = None

    def start(self) -> None:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                params = parse_qs(self.rfile.read(length).decode())
                ok = params.get("response", [""])[0] == RECAPTCHA_PASS
                fake.calls["pass" if ok else "fail"] += 1
                answer = (
                    {"success": True, "hostname": "127.0.0.1"}
                    if ok
                    else {"success": False, "error-codes": ["invalid-input-response"]}
                )
                body = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert, self.key)
        ThreadingHTTPServer.allow_reuse_address = True
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


# --------------------------------------------------------------------------------------------
# The app: gunicorn as in production, and the worker under a systemd-like supervisor
# --------------------------------------------------------------------------------------------
class App:
    def __init__(self, env: dict, tmp: Path):
        self.env = env
        self.tmp = tmp
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.gunicorn = None
        self.worker = None
        self.worker_log = open(tmp / "worker.log", "a")  # noqa: SIM115
        self.worker_starts = 0
        self.unexpected_worker_exits = []
        self.killed_pids = set()
        self.supervising = True
        self.lock = threading.Lock()

    def start_gunicorn(self) -> None:
        args = [
            GUNICORN,
            "healthyback.wsgi:application",
            *GUNICORN_ARGS,
            "--bind",
            f"127.0.0.1:{self.port}",
            "--no-control-socket",
            "--error-logfile",
            str(self.tmp / "gunicorn.log"),
        ]
        # Django's log (500s with their tracebacks) goes to gunicorn's stderr: kept beside its own.
        self.gunicorn_stderr = open(self.tmp / "gunicorn.stderr.log", "a")  # noqa: SIM115
        self.gunicorn = subprocess.Popen(
            args, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=self.gunicorn_stderr
        )
        import requests

        wait_for("gunicorn", lambda: requests.get(self.base + "/healthz", timeout=2).status_code == 200, 60)

    def start_worker(self) -> None:
        with self.lock:
            self.worker = subprocess.Popen(
                [PYTHON, "manage.py", "db_worker", "--no-reload"],
                cwd=ROOT,
                env=self.env,
                stdout=self.worker_log,
                stderr=subprocess.STDOUT,
            )
            self.worker_starts += 1

    def supervise(self) -> None:
        """systemd's Restart=always, RestartSec=5: a worker that ends for any reason is started again."""
        while self.supervising:
            worker = self.worker
            if worker is not None and worker.poll() is not None:
                if worker.pid not in self.killed_pids:
                    self.unexpected_worker_exits.append((worker.pid, worker.returncode))
                    log(f"the worker (pid {worker.pid}) exited by itself with status {worker.returncode}")
                time.sleep(RESTART_DELAY)
                if self.supervising:
                    self.start_worker()
                    log(f"worker started again (pid {self.worker.pid})")
            time.sleep(0.1)

    def kill_worker(self) -> int:
        pid = self.worker.pid
        self.killed_pids.add(pid)
        os.kill(pid, signal.SIGKILL)
        return pid

    def close(self) -> None:
        self.supervising = False
        for process in (self.worker, self.gunicorn):
            if process is not None and process.poll() is None:
                process.terminate()
        for process in (self.worker, self.gunicorn):
            if process is not None:
                try:
                    process.wait(timeout=40)
                except subprocess.TimeoutExpired:
                    process.kill()
        self.worker_log.close()


# --------------------------------------------------------------------------------------------
# Inside the app (subprocesses of this script, with the app's environment)
# --------------------------------------------------------------------------------------------
def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def internal_info(_: str) -> dict:
    from django.urls import reverse

    from articles.models import Article
    from comments.models import DiscussionSettings
    from newsletter.models import ConsentText

    articles = list(Article.objects.published().order_by("pk")[:200])
    return {
        "articles": [a.get_absolute_url() for a in articles][:200],
        "comment_paths": [reverse("comments:post", args=[a.slug]) for a in articles][:200],
        "subscribe": reverse("newsletter:subscribe"),
        "consent": ConsentText.current().version,
        "min_fill_seconds": DiscussionSettings.current().min_fill_seconds,
    }


def internal_campaign(recipients: str) -> dict:
    import secrets

    from django.utils import timezone

    from newsletter import campaigns
    from newsletter.models import Campaign, Subscriber

    now = timezone.now()
    Subscriber.objects.bulk_create(
        Subscriber(
            email=f"reader{n:05d}@{CAMPAIGN_DOMAIN}",
            token=secrets.token_urlsafe(32),
            status=Subscriber.Status.CONFIRMED,
            confirmed_at=now,
        )
        for n in range(int(recipients))
    )
    campaign = Campaign.objects.create(
        subject=CAMPAIGN_SUBJECT, preheader="Bench", body="<p>Hello from the bench.</p>"
    )
    campaigns.campaign_send_now(campaign=campaign)
    return {"campaign": campaign.pk}


def internal_report(ids_file: str) -> dict:
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from comments.models import Comment
    from newsletter.models import Campaign, Subscriber

    wanted = json.loads(Path(ids_file).read_text())
    found = set(Comment.objects.filter(pk__in=wanted["comments"]).values_list("pk", flat=True))
    subscribers = set(Subscriber.objects.filter(email__in=wanted["signups"]).values_list("email", flat=True))
    campaigns = []
    for campaign in Campaign.objects.filter(subject=CAMPAIGN_SUBJECT):
        rows = dict(campaign.deliveries.values_list("status").annotate(Count("pk")).order_by())
        errors = Counter(campaign.deliveries.exclude(reason="").values_list("reason", flat=True))
        campaigns.append(
            {
                "id": campaign.pk,
                "status": campaign.status,
                "recipients": campaign.recipient_count,
                "deliveries": rows,
                "errors": dict(errors),
            }
        )
    tasks = dict(DBTaskResult.objects.values_list("status").annotate(Count("pk")).order_by())
    held = dict(
        Comment.objects.filter(pk__in=wanted["comments"])
        .values_list("held_reason")
        .annotate(Count("pk"))
        .order_by()
    )
    return {
        "comments_missing": sorted(set(wanted["comments"]) - found),
        "comment_reasons": held,
        "signups_missing": sorted(set(wanted["signups"]) - subscribers),
        "campaigns": campaigns,
        "tasks": tasks,
        "waiting_tasks": DBTaskResult.objects.ready().count() + DBTaskResult.objects.running().count(),
    }


INTERNAL = {"_info": internal_info, "_campaign": internal_campaign, "_report": internal_report}


def internal(env: dict, command: str, argument: str = "") -> dict:
    out = run_app([PYTHON, SCRIPT, command, argument], env, command)
    return json.loads(out.strip().splitlines()[-1])


# --------------------------------------------------------------------------------------------
# The load
# --------------------------------------------------------------------------------------------
@dataclass
class Record:
    at: float  # seconds since the load started, when the request was sent
    kind: str
    status: int  # 0: no answer (connection refused, reset, timeout)
    ms: float


@dataclass
class Load:
    base: str
    info: dict
    rate: float
    started: float = 0.0
    records: list = field(default_factory=list)
    comments: dict = field(default_factory=dict)  # comment id -> when accepted
    signups: dict = field(default_factory=dict)  # address -> when accepted (303)
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    visitors: int = 0

    def now(self) -> float:
        return time.monotonic() - self.started

    def request(self, session, kind: str, method: str, path: str, ip: str, **kwargs):
        at = self.now()
        t0 = time.perf_counter()
        try:
            response = session.request(
                method,
                self.base + path,
                headers={"X-Forwarded-For": ip},
                allow_redirects=False,
                timeout=20,
                **kwargs,
            )
            status = response.status_code
        except Exception:  # any failure to get an answer
            response, status = None, 0
        with self.lock:
            self.records.append(Record(at, kind, status, (time.perf_counter() - t0) * 1000))
        return response if status == EXPECTED[kind] else None

    def visit(self, kind: str, number: int, rng: random.Random) -> None:
        import requests

        ip = f"10.{(number >> 16) & 255}.{(number >> 8) & 255}.{number & 255}"
        with requests.Session() as session:
            session.headers["Accept-Encoding"] = "gzip"
            if kind == "article":
                self.request(session, "article", "GET", rng.choice(self.info["articles"]), ip)
            elif kind == "search":
                self.request(session, "search", "GET", f"/search/?q={rng.choice(SEARCH_TERMS)}", ip)
            elif kind == "comment":
                index = rng.randrange(len(self.info["comment_paths"]))
                token = self.request(session, "form-token", "GET", "/form-token/", ip)
                if token is None:
                    return
                data = token.json()
                # A person reads and types before sending: past the form's minimum fill time.
                time.sleep(self.info["min_fill_seconds"] + rng.uniform(0.5, 2.0))
                form = {
                    "csrfmiddlewaretoken": data["csrfToken"],
                    "started": data["started"],
                    "body": f"Visitor {number} says: stretching in the morning helped my back (load {self.started:.0f}).",
                    "name": f"Visitor {number}",
                    "email": f"visitor{number}@readers.loadbench.net",
                    "website": "",
                    "parent": "",
                    "phone": "",
                    "g-recaptcha-response": RECAPTCHA_PASS,
                }
                answer = self.request(
                    session, "comment", "POST", self.info["comment_paths"][index], ip, data=form
                )
                if answer is None:
                    return
                match = re.search(r"[?&]comment=(\d+)", answer.headers.get("Location", ""))
                if match:
                    with self.lock:
                        self.comments[int(match.group(1))] = self.now()
                    self.request(
                        session,
                        "comment-return",
                        "GET",
                        answer.headers["Location"].split("#")[0].replace(self.base, ""),
                        ip,
                    )
            elif kind == "signup":
                token = self.request(session, "form-token", "GET", "/form-token/", ip)
                if token is None:
                    return
                time.sleep(rng.uniform(0.5, 1.5))
                address = f"v{number}-{int(self.started) % 100000}@{SIGNUP_DOMAIN}"
                form = {
                    "csrfmiddlewaretoken": token.json()["csrfToken"],
                    "email": address,
                    "nickname": "",
                    "consent": str(self.info["consent"]),
                    "source": rng.choice(self.info["articles"]),
                }
                if self.request(session, "signup", "POST", self.info["subscribe"], ip, data=form) is not None:
                    with self.lock:
                        self.signups[address] = self.now()

    def run(self, seconds: float) -> None:
        """Visitors arrive every 1/rate s (open loop) until `seconds` have passed or stop is set."""
        kinds, weights = zip(*MIX.items(), strict=True)
        rng = random.Random(19)  # noqa: S311 - not for secrets
        self.started = time.monotonic()
        with ThreadPoolExecutor(max_workers=200) as pool:
            number = 0
            while not self.stop.is_set():
                due = number / self.rate
                if due >= seconds:
                    break
                delay = due - self.now()
                if delay > 0:
                    time.sleep(delay)
                number += 1
                kind = rng.choices(kinds, weights)[0]
                pool.submit(self.visit, kind, number, random.Random(number))  # noqa: S311
            self.visitors = number
            log(f"load: {number} visitors sent; waiting for the last answers")


# --------------------------------------------------------------------------------------------
# Faults
# --------------------------------------------------------------------------------------------
@dataclass
class Fault:
    name: str
    start: float = 0.0
    end: float = 0.0
    notes: list = field(default_factory=list)
    campaign: bool = False


class Stack:
    """Everything one run starts, and how to break it."""

    def __init__(self, tmp: Path, options):
        self.tmp = tmp
        self.options = options
        self.pg = OwnPostgres(tmp)
        self.redis = OwnRedis(tmp)
        self.sink = Sink()
        self.smtp = SmtpServer(self.sink)
        self.google = FakeGoogle(tmp)
        self.app = None

    def start(self) -> None:
        log(f"PostgreSQL of our own on port {self.pg.port} (initdb in {self.pg.dir})")
        self.pg.start()
        self.pg.createdb()
        log(
            f"redis-server of our own on port {self.redis.port}; SMTP server on {self.smtp.port}; "
            f"fake Google siteverify on https://127.0.0.1:{self.google.port}"
        )
        self.redis.start()
        self.smtp.start()
        self.google.start()
        media = self.tmp / "media"
        env = app_environment(
            media_root=str(media),
            database_url=self.pg.url,
            REDIS_URL=f"redis://127.0.0.1:{self.redis.port}/0",
            EMAIL_URL=f"smtp://127.0.0.1:{self.smtp.port}",
            RECAPTCHA_DOMAIN=f"127.0.0.1:{self.google.port}",
            SSL_CERT_FILE=str(self.google.cert),
            STATIC_ROOT=str(self.tmp / "static"),
            DJANGO_TRUSTED_PROXIES="1",
            MALLOC_ARENA_MAX="2",
            WORKER_STALE_SECONDS=str(WORKER_STALE_SECONDS),
            WORKER_HEARTBEAT_SECONDS=str(WORKER_HEARTBEAT_SECONDS),
            NEWSLETTER_SEND_RATE=str(self.options.send_rate),
            NEWSLETTER_BATCH_SIZE="50",
            EMAIL_RETRY_SECONDS=str(self.options.email_retry),
            SITE_URL="http://127.0.0.1:8000",
        )
        env.pop("DJANGO_DEBUG")  # unset, as in production
        self.env = env
        log("migrate, seed_demo, collectstatic")
        run_app([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env, "migrate")
        run_app(
            [PYTHON, "manage.py", "seed_demo", "--articles", str(self.options.articles)], env, "seed_demo"
        )
        run_app([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env, "collectstatic")
        self.info = internal(env, "_info")
        self.app = App(env, self.tmp)
        self.app.start_gunicorn()
        self.app.start_worker()
        threading.Thread(target=self.app.supervise, daemon=True).start()
        log(
            f"gunicorn on {self.app.base} ({' '.join(GUNICORN_ARGS)}), worker pid {self.app.worker.pid}; "
            f"{len(self.info['articles'])} articles"
        )

    def close(self) -> None:
        for step in (
            lambda: self.app and self.app.close(),
            self.smtp.stop,
            self.google.stop,
            self.redis.kill,
            self.pg.close,
        ):
            try:
                step()
            except Exception as error:  # clean up the rest regardless
                log(f"clean-up: {error}")

    # Each fault: break, wait, repair. Returns the Fault with its times (seconds into the load).
    def fault_postgres(self, load: Load, seconds: float) -> Fault:
        fault = Fault("PostgreSQL restarted", start=load.now())
        self.pg.stop()
        time.sleep(seconds)
        self.pg.start()
        fault.end = load.now()
        fault.notes.append(f"pg_ctl stop -m fast, {seconds:.0f} s down, start")
        return fault

    def fault_redis(self, load: Load, seconds: float) -> Fault:
        fault = Fault("Redis down", start=load.now())
        self.redis.kill()
        time.sleep(seconds)
        self.redis.start()  # empty: every stored page and limit is gone
        fault.end = load.now()
        fault.notes.append(f"redis-server SIGKILL, {seconds:.0f} s down, started again empty")
        return fault

    def fault_google(self, load: Load, seconds: float) -> Fault:
        fault = Fault("Google unreachable", start=load.now())
        before = dict(self.google.calls)
        self.google.stop()
        time.sleep(seconds)
        self.google.start()
        fault.end = load.now()
        fault.notes.append(
            f"siteverify refusing connections for {seconds:.0f} s (verifications before: {before})"
        )
        return fault

    def fault_smtp(self, load: Load, seconds: float) -> Fault:
        fault = Fault("SMTP down", start=load.now())
        self.smtp.stop()
        time.sleep(seconds)
        self.smtp.start()
        fault.end = load.now()
        fault.notes.append(
            f"SMTP server stopped {seconds:.0f} s; EMAIL_RETRY_SECONDS={self.options.email_retry:g}"
        )
        return fault

    def fault_worker_email(self, load: Load, _: float) -> Fault:
        fault = Fault("worker kill -9 mid-email", start=load.now())
        self.sink.holding.clear()
        self.sink.hold_seconds = 3.0
        if not self.sink.holding.wait(60):
            fault.notes.append("no email came within 60 s: the worker was not killed")
            self.sink.hold_seconds = 0
            fault.end = load.now()
            return fault
        time.sleep(0.5)
        pid = self.app.kill_worker()
        self.sink.hold_seconds = 0
        fault.notes.append(
            f"SIGKILL to worker {pid} while the SMTP server held the email to {self.sink.held_address}"
        )
        self.held_addresses.append(self.sink.held_address)
        time.sleep(RESTART_DELAY + 1)
        fault.end = load.now()
        return fault

    def fault_worker_campaign(self, load: Load, _: float) -> Fault:
        fault = Fault("worker kill -9 mid-campaign", start=load.now(), campaign=True)
        recipients = self.options.campaign
        self.campaign = internal(self.env, "_campaign", str(recipients))
        t0 = time.monotonic()
        target = recipients // 3
        while self.campaign_received() < target and time.monotonic() - t0 < 120:
            time.sleep(0.1)
        received = self.campaign_received()
        pid = self.app.kill_worker()
        fault.notes.append(
            f"campaign to {recipients} at NEWSLETTER_SEND_RATE={self.options.send_rate:g}/s; "
            f"SIGKILL to worker {pid} after {received} were received"
        )
        time.sleep(RESTART_DELAY + 1)
        fault.end = load.now()
        return fault

    def campaign_received(self) -> int:
        with self.sink.lock:
            return sum(1 for address in self.sink.per_address if address.endswith(CAMPAIGN_DOMAIN))


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------
def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def bad(record: Record) -> bool:
    return record.status != EXPECTED[record.kind]


def describe(records) -> str:
    counts = Counter(r.status for r in records if bad(r))
    return ", ".join(f"{status or 'no answer'}: {n}" for status, n in sorted(counts.items())) or "none"


def by_kind_and_status(records) -> str:
    counts = Counter((r.kind, r.status or "no answer") for r in records if bad(r))
    return ", ".join(f"{kind} {status}: {n}" for (kind, status), n in sorted(counts.items(), key=str))


class Verdicts:
    def __init__(self):
        self.lines = []

    def check(self, ok: bool, text: str) -> None:
        self.lines.append(f"{'PASS' if ok else 'FAIL'}  {text}")

    @property
    def failed(self) -> int:
        return sum(line.startswith("FAIL") for line in self.lines)


def run(options) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="healthyback-resilience."))
    os.chmod(tmp, 0o755)  # noqa: S103 - the postgres user must reach its folder inside
    stack = Stack(tmp, options)
    stack.held_addresses = []
    stack.campaign = None
    verdicts = Verdicts()
    try:
        stack.start()
        load = Load(base=stack.app.base, info=stack.info, rate=options.rate)
        plan = schedule(options)
        total = plan[-1][0] if plan else options.minutes * 60
        thread = threading.Thread(target=load.run, args=(total,), daemon=True)
        log(f"load: {options.rate:g} visitors/s for {total:.0f} s; mix {MIX}")
        thread.start()
        faults = []
        while load.started == 0.0:
            time.sleep(0.05)
        for at, action, seconds in plan:
            while load.now() < at:
                time.sleep(0.2)
            if action is None:
                continue
            log(f"fault: {action.__name__.removeprefix('fault_')} at {load.now():.0f} s")
            fault = action(stack, load, seconds)
            log(f"fault over: {fault.name}, {fault.start:.0f}-{fault.end:.0f} s; {'; '.join(fault.notes)}")
            faults.append(fault)
        thread.join()
        time.sleep(2)
        settle(stack, load, options)
        return report(stack, load, faults, options, verdicts)
    finally:
        stack.close()
        if options.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def schedule(options) -> list:
    """(second into the load, fault or None, its length); the last entry's time ends the load."""
    if options.command == "load":
        return [(options.minutes * 60, None, 0)]
    if options.command == "smoke":
        return [(15, Stack.fault_worker_email, 0), (35, Stack.fault_smtp, 15), (75, None, 0)]
    plan, at = [], 30.0
    for action, seconds, after in (
        (Stack.fault_postgres, 15, 60),
        (Stack.fault_redis, 30, 45),
        (Stack.fault_google, 30, 30),
        (Stack.fault_smtp, options.smtp_down, 30),
        (Stack.fault_worker_email, 0, 45),
        (Stack.fault_worker_campaign, 0, 60),
    ):
        if options.only and action.__name__.removeprefix("fault_") not in options.only.split(","):
            continue
        plan.append((at, action, seconds))
        # The next fault starts `after` s after this one ends (estimated: worker faults take ~10-30 s).
        at += seconds + (30 if "worker" in action.__name__ else 0) + after
    plan.append((at, None, 0))
    return plan


def settle(stack: Stack, load: Load, options) -> None:
    """Wait for every promised email (and the campaign) until the deadline, then a little more for
    any duplicate."""
    deadline = time.monotonic() + options.settle
    log(
        f"settling: waiting up to {options.settle:.0f} s for {len(load.signups)} confirmation emails and the queue"
    )
    while time.monotonic() < deadline:
        with stack.sink.lock:
            missing = [a for a in load.signups if a not in stack.sink.per_address]
        waiting = internal(stack.env, "_report", write_ids(stack, load))["waiting_tasks"]
        campaign_done = True
        if stack.campaign:
            campaign_done = stack.campaign_received() + 1 >= options.campaign and waiting == 0
        if not missing and waiting == 0 and campaign_done:
            break
        time.sleep(3)
    time.sleep(5)


def write_ids(stack: Stack, load: Load) -> str:
    path = stack.tmp / "ids.json"
    with load.lock:
        path.write_text(json.dumps({"comments": list(load.comments), "signups": list(load.signups)}))
    return str(path)


def report(stack: Stack, load: Load, faults: list, options, verdicts: Verdicts) -> int:
    db = internal(stack.env, "_report", write_ids(stack, load))
    sink = stack.sink
    records = load.records
    duration = max((r.at for r in records), default=0)
    grace = options.grace
    windows = [(f.start, f.end + grace) for f in faults]

    def in_window(r: Record) -> bool:
        return any(start <= r.at <= end for start, end in windows)

    print(
        f"== healthyback under load{' and faults' if faults else ''}: {load.visitors} visitors in {duration:.0f} s "
        f"({options.rate:g}/s), {len(records)} requests; gunicorn {' '.join(GUNICORN_ARGS)}, MALLOC_ARENA_MAX=2, "
        f"debug unset, PostgreSQL 15 + Redis + db_worker (WORKER_STALE_SECONDS={WORKER_STALE_SECONDS}, "
        f"WORKER_HEARTBEAT_SECONDS={WORKER_HEARTBEAT_SECONDS}, EMAIL_RETRY_SECONDS={options.email_retry:g}); "
        f"{os.cpu_count()} cores"
    )
    print("-- latency per kind of request" + (" (outside fault windows)" if faults else ""))
    print(
        f"{'kind':15} {'requests':>8} {'ok':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}  not ok"
    )
    by_kind = defaultdict(list)
    for r in records:
        if not in_window(r):
            by_kind[r.kind].append(r)
    for kind in EXPECTED:
        rows = by_kind.get(kind, [])
        ms = [r.ms for r in rows if not bad(r)]
        print(
            f"{kind:15} {len(rows):8} {len(ms):8} {percentile(ms, 50):8.1f} {percentile(ms, 95):8.1f} "
            f"{percentile(ms, 99):8.1f} {max(ms, default=float('nan')):8.1f}  {describe(rows)}"
        )

    outside = [r for r in records if not in_window(r) and bad(r)]
    fivexx = [r for r in records if r.status >= 500 or r.status == 0]
    verdicts.check(
        not [r for r in outside if r.status >= 500 or r.status == 0],
        f"no 5xx or unanswered request outside fault windows (+{grace:.0f} s): "
        f"{sum(1 for r in outside if r.status >= 500 or r.status == 0)} (all: {len(fivexx)})",
    )
    verdicts.check(
        not outside, f"every request outside fault windows answered as expected: {describe(outside)}"
    )

    # Comments and sign-ups
    print(
        f"-- comments accepted (302 to their address): {len(load.comments)}; in the database: "
        f"{len(load.comments) - len(db['comments_missing'])}; held because: {db['comment_reasons']}"
    )
    verdicts.check(
        not db["comments_missing"],
        f"every accepted comment is a row: missing {len(db['comments_missing'])}"
        f" {db['comments_missing'][:10]}",
    )
    verdicts.check(bool(load.comments), f"comments were accepted at all: {len(load.comments)}")
    with sink.lock:
        per_address = dict(sink.per_address)
        first_at = dict(sink.first_at)
    signups = load.signups
    never = [a for a in signups if per_address.get(a, 0) == 0]
    twice = [a for a in signups if per_address.get(a, 0) > 1]
    print(
        f"-- sign-ups accepted (303): {len(signups)}; subscribers in the database: "
        f"{len(signups) - len(db['signups_missing'])}; confirmation emails: delivered once "
        f"{sum(1 for a in signups if per_address.get(a) == 1)}, never {len(never)}, more than once {len(twice)}"
    )
    print(
        f"-- the SMTP server: {sum(per_address.values())} messages; by subject: {dict(sink.subjects.most_common(6))}; "
        f"dropped (sender killed before the answer): {sink.dropped}; fake Google: {dict(stack.google.calls)}"
    )
    print(
        f"-- tasks in the database by status: {db['tasks']}; workers started {stack.app.worker_starts}, "
        f"killed by us {len(stack.app.killed_pids)}, exited by themselves {stack.app.unexpected_worker_exits}"
    )
    verdicts.check(
        not db["signups_missing"],
        f"every accepted sign-up is a subscriber: missing {len(db['signups_missing'])}",
    )
    verdicts.check(
        not never, f"every accepted sign-up got its confirmation email: missing {len(never)} {never[:5]}"
    )
    # README: an email can go twice only if its worker died between the server's 250 and the task
    # being marked done: at most one per kill.
    allowed = len(stack.app.killed_pids)
    verdicts.check(
        len(twice) <= allowed,
        f"no confirmation email sent twice beyond the README's window "
        f"(at most one per worker killed, {allowed}): {len(twice)} {twice[:5]}",
    )
    verdicts.check(not stack.app.unexpected_worker_exits, "the worker never exited by itself")
    for address in stack.held_addresses:
        n = per_address.get(address, 0)
        verdicts.check(
            n == 1, f"the email in flight when the worker was killed ({address}) arrived exactly once: {n}"
        )

    # Each fault
    if faults:
        print("-- faults (seconds into the load; errors = answers other than expected, by status)")
        print(
            f"{'fault':28} {'from':>5} {'to':>5} {'reqs':>5}  {'errors during':28} {'errors after (recovery)':36} "
            f"{'sign-ups':>8} {'emailed':>7} {'twice':>5} {'email recovery':>14}"
        )
    for fault in faults:
        during = [r for r in records if fault.start <= r.at <= fault.end]
        after = [r for r in records if fault.end < r.at <= fault.end + grace and bad(r)]
        recovery = max((r.at for r in after), default=fault.end) - fault.end
        # Sign-ups accepted from the fault's start to the next quiet period's start.
        promised = [a for a, at in signups.items() if fault.start <= at <= fault.end + grace]
        got = [a for a in promised if per_address.get(a, 0) >= 1]
        dup = [a for a in promised if per_address.get(a, 0) > 1]
        arrivals = [first_at[a] - load.started for a in got if a in first_at]
        email_recovery = max(0.0, max(arrivals, default=fault.end) - fault.end)
        print(
            f"{fault.name:28} {fault.start:5.0f} {fault.end:5.0f} {len(during):5}  {describe(during):28} "
            f"{describe(after) + f' ({recovery:.1f} s)':36} {len(promised):8} {len(got):7} {len(dup):5} "
            f"{email_recovery:13.0f}s"
        )
        for note in fault.notes:
            print(f"     {note}")
        for label, rows in (("during", during), ("after", after)):
            if any(bad(r) for r in rows):
                print(f"     errors {label}, by kind: {by_kind_and_status(rows)}")
        verdicts.check(
            recovery < grace,
            f"{fault.name}: errors end within {grace:.0f} s of the repair (last {recovery:.1f} s after)",
        )
        verdicts.check(
            len(got) == len(promised),
            f"{fault.name}: emails promised {len(promised)}, delivered {len(got)}, duplicated {len(dup)}",
        )
    if stack.campaign:
        recipients = options.campaign
        counts = [per_address.get(f"reader{n:05d}@{CAMPAIGN_DOMAIN}", 0) for n in range(recipients)]
        received = sum(1 for c in counts if c >= 1)
        dup = sum(1 for c in counts if c > 1)
        rows = next((c for c in db["campaigns"] if c["id"] == stack.campaign["campaign"]), {})
        deliveries = rows.get("deliveries", {})
        interrupted = sum(n for e, n in rows.get("errors", {}).items() if e.startswith("Interrupted"))
        print(
            f"-- campaign: recipients {recipients}, received {received}, twice {dup}, reported interrupted "
            f"{interrupted}; status {rows.get('status')}; delivery rows {deliveries}"
        )
        verdicts.check(dup == 0, f"campaign: nobody received it twice ({dup})")
        verdicts.check(
            received + interrupted == recipients and interrupted <= 1,
            f"campaign: received {received} + interrupted {interrupted} = recipients {recipients}, "
            f"at most one interrupted",
        )
        verdicts.check(rows.get("status") == "sent", f"campaign: finished by itself ({rows.get('status')})")

    print("checks:")
    for line in verdicts.lines:
        print(line)
    kinds = {kind: by_kind.get(kind, []) for kind in ("article", "search", "comment", "signup")}
    line = f"resilience mode={options.command} rate={options.rate:g} seconds={duration:.0f} requests={len(records)}"
    for kind, rows in kinds.items():
        ms = [r.ms for r in rows if not bad(r)]
        line += f" {kind}_p50_ms={percentile(ms, 50):.0f} {kind}_p95_ms={percentile(ms, 95):.0f} {kind}_p99_ms={percentile(ms, 99):.0f}"
    line += (
        f" errors_5xx={len(fivexx)} errors_outside_faults={len(outside)} comments={len(load.comments)}"
        f" signups={len(signups)} emails_missing={len(never)} emails_twice={len(twice)} failed={verdicts.failed}"
    )
    print(line)
    if verdicts.failed:
        for name in ("gunicorn.stderr.log", "gunicorn.log", "worker.log"):
            text = (stack.tmp / name).read_text(errors="replace") if (stack.tmp / name).exists() else ""
            tracebacks = [m.start() for m in re.finditer("Traceback", text)]
            if tracebacks:
                log(
                    f"{name}: {len(tracebacks)} tracebacks; the first:\n{text[tracebacks[0] : tracebacks[0] + 3000]}"
                )
    return 1 if verdicts.failed else 0


def parse_arguments(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, rate, minutes, help_text in (
        ("load", 30, 10, "steady load, no faults"),
        ("faults", 30, 0, "each fault once, one after the other, during load"),
        ("smoke", 15, 0, "CI: 75 s of load with the worker killed mid-email and SMTP down 15 s"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--rate", type=float, default=rate, help=f"visitors a second (default {rate})")
        p.add_argument("--minutes", type=float, default=minutes, help="length of the load (load only)")
        p.add_argument("--articles", type=int, default=200, help="generated articles besides the demo's")
        p.add_argument("--campaign", type=int, default=300, help="recipients of the campaign (faults)")
        p.add_argument("--send-rate", type=float, default=10, help="NEWSLETTER_SEND_RATE (default 10)")
        p.add_argument(
            "--smtp-down", type=float, default=120, help="seconds the SMTP server is down (faults)"
        )
        p.add_argument(
            "--email-retry",
            type=float,
            default=60 if name != "smoke" else 5,
            help="EMAIL_RETRY_SECONDS: first retry of an email (default 60, the app's; smoke 5)",
        )
        p.add_argument(
            "--grace", type=float, default=30, help="seconds after a fault in which errors may go on"
        )
        p.add_argument(
            "--settle",
            type=float,
            default=420 if name == "faults" else 120,
            help="most seconds to wait for emails after the load",
        )
        p.add_argument(
            "--only",
            default="",
            help="faults: comma list of postgres,redis,google,smtp,worker_email,worker_campaign",
        )
        p.add_argument("--keep", action="store_true", help="keep the temporary folder (logs)")
    return parser.parse_args(argv)


def main() -> int:
    if len(sys.argv) >= 2 and sys.argv[1] in INTERNAL:
        setup_django()
        print(json.dumps(INTERNAL[sys.argv[1]](sys.argv[2] if len(sys.argv) > 2 else "")))
        return 0
    options = parse_arguments()
    if not Path(GUNICORN).exists():
        print("no .venv with gunicorn: run `make .venv/.dev` (or `make test`) first", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        return run(options)
    except BenchError as error:
        log(f"ERROR: {error}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
