"""Sign-up timing: does the time of the answer tell whether an address is on the list?

    .venv/bin/python bench/signup_timing.py                  # about 1 min, SQLite
    .venv/bin/python bench/signup_timing.py --database-url postgres://postgres@127.0.0.1:5432/healthyback_bench

It migrates a new database (a temporary SQLite file, or the PostgreSQL one given, whose name must
contain "bench"), then in a subprocess with DJANGO_SETTINGS_MODULE=bench.settings (debug off, tasks
queued in the database as in production, not run) posts the sign-up box through Django's test
client for addresses in each state: new, pending, confirmed, unsubscribed, suppressed, erased,
over the per-IP limit, and a bot (honeypot filled). Each state is posted --requests times,
interleaved, so that a change in machine load touches every state alike.

It prints the median and 95th percentile of each state's answer, with the answer floor
NEWSLETTER_SIGNUP_ANSWER_SECONDS as set (default 0.1 s) and, with --floor 0, without it; the last
line says PASS when the medians of all states lie within --tolerance-ms of each other.
"""

import argparse
import json
import subprocess
import sys
import tempfile

from common import ROOT, BenchError, app_environment, bench_database_name, log, run_app

MEASURE = r"""
import json, statistics, sys, time
import django
django.setup()
from django.test import Client
from django.utils import timezone
from newsletter.models import Subscriber
from newsletter.services import personal_data_erase

requests = int(sys.argv[1])
Status = Subscriber.Status
Subscriber.objects.create(email="pending@example.com")
Subscriber.objects.create(email="confirmed@example.com", status=Status.CONFIRMED, confirmed_at=timezone.now())
Subscriber.objects.create(email="left@example.com", status=Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())
Subscriber.objects.create(email="bounced@example.com", status=Status.SUPPRESSED, suppression_reason="bounced")
Subscriber.objects.create(email="erased@example.com", status=Status.CONFIRMED)
personal_data_erase(email="erased@example.com")

client = Client(HTTP_HOST="127.0.0.1")
client.get("/newsletter/subscribe/")  # the CSRF cookie
token = client.cookies["csrftoken"].value
states = {
    "new": lambda n: {"email": f"new{n}-{time.time_ns()}@example.com"},
    "pending": lambda n: {"email": "pending@example.com"},
    "confirmed": lambda n: {"email": "confirmed@example.com"},
    "unsubscribed": lambda n: {"email": "left@example.com"},
    "suppressed": lambda n: {"email": "bounced@example.com"},
    "erased": lambda n: {"email": "erased@example.com"},
    "ip-limited": lambda n: {"email": f"limited{n}-{time.time_ns()}@example.com"},
    "bot": lambda n: {"email": f"bot{n}@example.com", "nickname": "Buy pills"},
}
times = {state: [] for state in states}
for n in range(requests + 3):  # the first rounds warm up
    for state, data in states.items():
        # Each visitor from its own address, except the limited one, whose address is over its limit.
        ip = "203.0.113.250" if state == "ip-limited" else f"10.{n // 250}.{n % 250}.{list(states).index(state) + 1}"
        started = time.perf_counter()
        response = client.post("/newsletter/subscribe/", {**data(n), "source": "/", "csrfmiddlewaretoken": token},
                               REMOTE_ADDR=ip)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 303, (state, response.status_code)
        if n >= 3:
            times[state].append(elapsed)
print(json.dumps({s: [statistics.median(t), sorted(t)[int(len(t) * 0.95) - 1]] for s, t in times.items()}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", help="a PostgreSQL database for benchmarks (default: a new SQLite file)"
    )
    parser.add_argument("--requests", type=int, default=40, help="sign-ups per state (default 40)")
    parser.add_argument("--floor", type=float, help="NEWSLETTER_SIGNUP_ANSWER_SECONDS (default: the site's)")
    parser.add_argument("--tolerance-ms", type=float, default=5.0, help="largest gap between medians to PASS")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="hb-signup-timing-") as tmp:
        if args.database_url:
            bench_database_name(args.database_url, example="healthyback_bench")
        database_url = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
        extra = {"NEWSLETTER_SIGNUPS_PER_IP": "10"}
        if args.floor is not None:
            extra["NEWSLETTER_SIGNUP_ANSWER_SECONDS"] = str(args.floor)
        env = app_environment(
            media_root=f"{tmp}/media", database_url=database_url, STATIC_ROOT=f"{tmp}/static", **extra
        )
        log("migrating the database and collecting static files")
        run_app([sys.executable, "manage.py", "migrate", "--noinput"], env, "migrate")
        if args.database_url:  # the states below are created afresh
            run_app([sys.executable, "manage.py", "flush", "--noinput"], env, "flush")
        run_app([sys.executable, "manage.py", "collectstatic", "--noinput"], env, "collectstatic")
        log(f"posting {args.requests} sign-ups for each of 8 states")
        done = subprocess.run(
            [sys.executable, "-c", MEASURE, str(args.requests)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise BenchError(f"the measurement failed:\n{done.stderr[-3000:]}")
        figures = json.loads(done.stdout.strip().splitlines()[-1])

    print(f"{'state':<14}{'median ms':>11}{'p95 ms':>9}")
    for state, (median, p95) in figures.items():
        print(f"{state:<14}{median:>11.1f}{p95:>9.1f}")
    medians = [median for median, _ in figures.values()]
    gap = max(medians) - min(medians)
    verdict = "PASS" if gap <= args.tolerance_ms else "FAIL"
    print(f"signup_timing gap_between_medians_ms={gap:.1f} tolerance_ms={args.tolerance_ms:g} {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as error:
        log(f"error: {error}")
        sys.exit(2)
