"""Campaign sending: the real worker process sends one campaign to N recipients through a local SMTP sink.

    .venv/bin/python bench/campaign_send.py                          # 2,000 then 10,000 recipients
    .venv/bin/python bench/campaign_send.py --sizes 1000,5000 --batch-size 500
    .venv/bin/python bench/campaign_send.py --database-url postgres://postgres@127.0.0.1:5432/bench_campaign

For each size: N confirmed subscribers and one realistic issue are written to the database, and
`newsletter.campaigns.campaign_send_now` enqueues its first batch, in a subprocess as the admin would; then
`manage.py db_worker --batch --no-reload --no-startup-delay` runs until the queue is empty, sending
to an SMTP server in this process (aiosmtpd) that accepts every message, keeps only counts and drops
the rest. Measured: the worker's wall time (start to exit, start-up included), messages a second,
the CPU time of the worker and of the sink, the SMTP connections used, and the worker's resident
memory. Checked: the sink got exactly N messages, one per address,
each with its own unsubscribe link; every delivery row is "sent" and the campaign is "sent".

Peak memory is the worker's own `ru_maxrss`, read with wait4() on its pid: that figure covers the
worker process alone, whereas RUSAGE_CHILDREN would also count migrate and the seeding subprocess.
/proc/<pid>/status is sampled every 0.1 s meanwhile, for VmHWM (the peak is the larger of the two)
and for the RSS once the first batch has gone and at the end.

Sending must not hold the recipient list in memory, so the worker's peak at the largest size may
exceed the smallest one's by at most --max-growth-mib (see bench/README.md for the reasoning).

Output: progress on stderr; a table on stdout, the last line being
    campaign_send recipients=N seconds=N rate=N peak_rss_mib=N rss_growth_mib=N ...
Exit status 1 when a check fails or memory grew by more than allowed.
"""

import argparse
import json
import os
import re
import resource
import secrets
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

# Run as `python bench/campaign_send.py`: this folder is on the path.
from common import (
    ROOT,
    BenchError,
    MeasuredProcess,
    app_environment,
    bench_database_name,
    cpu_seconds,
    log,
    memory_kib,
    run_app,
)

SCRIPT = str(Path(__file__).resolve())
BATCH_TASK = "newsletter.tasks.send_campaign_batch"
# Our rows are recognised by these, so a database kept between runs (PostgreSQL) can be cleaned
# of an earlier run's leftovers without touching anything else.
DOMAIN = "@campaign-bench.healthyback.example"
SUBJECT = "[bench] Five small habits for a calmer back this week"
SITE_URL = "https://www.healthyback.example"

# A typical issue: an introduction, three sections with headings, a list, a quote, links to
# articles (relative, made absolute for email) and to an outside source.
BODY = """
<p>Hello, and welcome to this week's issue. Most of us spend more hours sitting than we would like,
and our backs notice. This week we look at five small habits that take less than a minute each and,
done every day, make a real difference to how your back feels by the evening.</p>
<h2>1. Stand up every half hour</h2>
<p>Sitting still is harder on your spine than sitting badly. Set a quiet timer and stand up, walk to
the window and back, or fetch a glass of water. Our article on
<a href="/articles/sitting-at-work/">sitting at work</a> explains why movement matters more than the
perfect chair.</p>
<h2>2. Three stretches you can do at your desk</h2>
<ul>
<li><strong>Seated twist:</strong> turn gently to each side, holding for five slow breaths.</li>
<li><strong>Shoulder rolls:</strong> ten backwards, ten forwards, shoulders away from your ears.</li>
<li><strong>Chin tuck:</strong> draw your chin straight back, hold for three seconds, repeat five
times.</li>
</ul>
<p>Stop if any of them hurts, and read our <a href="/articles/when-to-see-a-doctor/">guide to the
warning signs</a> that mean it is time to see a doctor.</p>
<h2>3. Walk after lunch</h2>
<p>Ten minutes of walking after a meal loosens the muscles that sitting tightens, and it helps with
sleep too. A reader, Maria, wrote to us last month:</p>
<blockquote><p><em>"I started walking round the block after lunch in January. By March I had stopped
reaching for painkillers in the afternoon."</em></p></blockquote>
<p>The <a href="https://www.nhs.uk/live-well/exercise/">NHS guidance on exercise</a> recommends at
least 150 minutes of moderate activity a week; these walks alone make up a third of that.</p>
<hr>
<p>That's all for this week. Reply to this email if there is a topic you would like us to cover,
and take care of your back.</p>
<p>The Healthy Back team</p>
"""


# --------------------------------------------------------------------------------------------
# The SMTP sink
# --------------------------------------------------------------------------------------------
UNSUBSCRIBE_HEADER = re.compile(rb"^List-Unsubscribe:\s*<([^>\s]+)>", re.MULTILINE | re.IGNORECASE)
HEADER_END = re.compile(rb"\r?\n\r?\n")


class Sink:
    """aiosmtpd handler that accepts every message and keeps only what the checks need: how many
    messages each address got and each message's unsubscribe link (every copy must have its own),
    and how many connections carried them (the sender should reuse one per batch)."""

    def __init__(self):
        self.reset()

    def reset(self) -> None:
        self.per_address = Counter()
        self.links = set()
        self.messages = self.bytes = self.without_link = self.connections = 0
        self.first_at = self.last_at = None

    async def handle_DATA(self, server, session, envelope):
        self.last_at = time.monotonic()
        if self.first_at is None:
            self.first_at = self.last_at
        self.messages += 1
        if not getattr(session, "counted", False):  # aiosmtpd keeps one session per connection
            session.counted = True
            self.connections += 1
        self.bytes += len(envelope.content)
        self.per_address.update(address.lower() for address in envelope.rcpt_tos)
        headers = HEADER_END.split(envelope.content, maxsplit=1)[0]
        link = UNSUBSCRIBE_HEADER.search(headers)
        if link:
            self.links.add(link.group(1))
        else:
            self.without_link += 1
        return "250 OK"


def start_sink(sink: Sink):
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as sock:  # a free port (aiosmtpd's controller cannot use port 0)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # A fixed server_hostname: the default asks the resolver for this machine's name.
    controller = Controller(sink, hostname="127.0.0.1", port=port, server_hostname="sink.bench")
    controller.start()
    return controller


# --------------------------------------------------------------------------------------------
# Run inside the app (subprocesses of this script, so the enqueued task is in the database)
# --------------------------------------------------------------------------------------------
def address(number: int) -> str:
    return f"reader{number:06d}{DOMAIN}"


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def seed(recipients: int) -> dict:
    """Our own leftovers out, N confirmed subscribers and one campaign in, then "Send now"."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from newsletter import campaigns
    from newsletter.models import Campaign, Subscriber

    old = set(Campaign.objects.filter(subject=SUBJECT).values_list("pk", flat=True))
    stale = [
        result.pk
        for result in DBTaskResult.objects.filter(task_path=BATCH_TASK).only("args_kwargs")
        if result.args_kwargs["args"][:1] and result.args_kwargs["args"][0] in old
    ]
    DBTaskResult.objects.filter(pk__in=stale).delete()
    Campaign.objects.filter(pk__in=old).delete()  # with its deliveries
    Subscriber.objects.filter(email__endswith=DOMAIN).delete()

    others = Subscriber.objects.receiving().count()
    if others:
        raise BenchError(f"this database has {others} confirmed subscribers of its own; use an empty one")
    if DBTaskResult.objects.ready().exists():
        raise BenchError("tasks are waiting in this database's queue; the worker would run them too")

    now = timezone.now()
    # bulk_create skips Subscriber.save(), which lower-cases the address and draws the token.
    Subscriber.objects.bulk_create(
        (
            Subscriber(
                email=address(number),
                token=secrets.token_urlsafe(32),
                status=Subscriber.Status.CONFIRMED,
                confirmed_at=now,
            )
            for number in range(recipients)
        ),
        batch_size=1000,
    )
    campaign = Campaign.objects.create(
        subject=SUBJECT,
        preheader="Less than a minute each, and your back will notice by the evening.",
        body=BODY,
    )
    campaigns.campaign_send_now(campaign=campaign)  # the first batch's task is enqueued when this commits
    return {"campaign": campaign.pk, "ready_tasks": DBTaskResult.objects.ready().count()}


def report(campaign_id: int) -> dict:
    """What the database says once the worker has finished."""
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from newsletter.models import Campaign

    campaign = Campaign.objects.get(pk=campaign_id)
    tasks = Counter()
    for status, args_kwargs in DBTaskResult.objects.filter(task_path=BATCH_TASK).values_list(
        "status", "args_kwargs"
    ):
        if args_kwargs["args"][:1] == [campaign_id]:
            tasks[status] += 1
    deliveries = campaign.deliveries.values_list("status").annotate(Count("pk")).order_by()
    return {
        "status": campaign.status,
        "recipient_count": campaign.recipient_count,
        "deliveries": dict(deliveries),
        "tasks": dict(tasks),
    }


INTERNAL = {"_seed": seed, "_report": report}


def internal_main(command: str, argument: str) -> None:
    setup_django()
    try:
        print(json.dumps(INTERNAL[command](int(argument))))
    except BenchError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        sys.exit(2)


# --------------------------------------------------------------------------------------------
# The benchmark
# --------------------------------------------------------------------------------------------
class Worker(MeasuredProcess):
    """One `db_worker --batch` run."""

    def __init__(self, env: dict, log_path: Path):
        super().__init__(["db_worker", "--batch", "--no-reload", "--no-startup-delay"], env, log_path)


def measure(recipients: int, options, env: dict, sink: Sink, tmp: Path) -> dict:
    log(f"{recipients} recipients: seeding subscribers and the campaign, then campaign_send_now()")
    seeded = json.loads(
        run_app([sys.executable, SCRIPT, "_seed", str(recipients)], env, "seeding").splitlines()[-1]
    )
    campaign_id = seeded["campaign"]
    if seeded["ready_tasks"] != 1:
        raise BenchError(
            f"expected one task in the queue after campaign_send_now(), found {seeded['ready_tasks']}"
        )

    sink.reset()
    worker_env = {
        **env,
        "EMAIL_URL": f"smtp://127.0.0.1:{options.sink_port}",
        "NEWSLETTER_BATCH_SIZE": str(options.batch_size),
        "NEWSLETTER_SEND_RATE": str(options.send_rate),
    }
    log_path = tmp / f"worker-{recipients}.log"
    timeout = options.timeout + (recipients / options.send_rate if options.send_rate else 0)
    log(f"{recipients} recipients: starting the worker (timeout {timeout:.0f} s)")
    # This process's CPU time while the worker runs is, nearly all of it, the sink's.
    own_cpu = cpu_seconds(resource.getrusage(resource.RUSAGE_SELF))
    worker = Worker(worker_env, log_path)
    rss_after_first_batch = rss_last = None
    hwm = 0
    last_progress = time.monotonic()
    try:
        while not worker.poll():
            memory = memory_kib(worker.process.pid)
            rss = memory and memory[0]
            if memory is not None:
                rss_last, hwm = rss, max(hwm, memory[1])
                if rss_after_first_batch is None and sink.messages >= min(options.batch_size, recipients):
                    rss_after_first_batch = rss
            now = time.monotonic()
            if now - worker.started > timeout:
                raise BenchError(f"the worker was still running after {timeout:.0f} s")
            if now - last_progress >= 10:
                log(f"  {sink.messages}/{recipients} sent, worker RSS {(rss or 0) / 1024:.1f} MiB")
                last_progress = now
            time.sleep(0.1)
    finally:
        worker.stop()
    own_cpu = cpu_seconds(resource.getrusage(resource.RUSAGE_SELF)) - own_cpu
    if worker.process.returncode != 0:
        tail = log_path.read_text()[-3000:]
        raise BenchError(f"the worker exited with status {worker.process.returncode}:\n{tail}")

    database = json.loads(
        run_app(
            [sys.executable, SCRIPT, "_report", str(campaign_id)], env, "reading the results"
        ).splitlines()[-1]
    )
    expected = {address(number) for number in range(recipients)}
    problems = []
    if sink.messages != recipients:
        problems.append(f"the sink received {sink.messages} messages, not {recipients}")
    twice = sum(1 for count in sink.per_address.values() if count > 1)
    if twice:
        problems.append(f"{twice} addresses received more than one message")
    if set(sink.per_address) != expected:
        missing, unknown = len(expected - set(sink.per_address)), len(set(sink.per_address) - expected)
        problems.append(f"{missing} subscribers received nothing, {unknown} unknown addresses received mail")
    if len(sink.links) != recipients or sink.without_link:
        problems.append(
            f"{len(sink.links)} distinct unsubscribe links in {sink.messages} messages "
            f"({sink.without_link} without one)"
        )
    if database["deliveries"] != {"sent": recipients}:
        problems.append(f"delivery rows by status: {database['deliveries']}, not all {recipients} sent")
    if database["status"] != "sent" or database["recipient_count"] != recipients:
        problems.append(f"campaign {database['status']} with {database['recipient_count']} recipients")
    if set(database["tasks"]) != {"SUCCESSFUL"}:
        problems.append(f"batch tasks by status: {database['tasks']}")

    usage = worker.usage
    sink_seconds = (sink.last_at - sink.first_at) if sink.messages > 1 else 0
    return {
        "recipients": recipients,
        "seconds": worker.seconds,
        "rate": recipients / worker.seconds,
        # From the first message to the last one: without the worker's start-up and the listing.
        "sink_rate": (sink.messages - 1) / sink_seconds if sink_seconds else 0,
        # ru_maxrss (KiB on Linux) covers the whole life of the process but the kernel computes it
        # from per-CPU counters that may lag by a few hundred KiB; the sampled VmHWM is exact but
        # misses the last tenth of a second. The larger of the two.
        "peak_rss_mib": max(usage.ru_maxrss, hwm) / 1024,
        "rss_first_batch_mib": (rss_after_first_batch or 0) / 1024,
        "rss_last_mib": (rss_last or 0) / 1024,
        "worker_cpu_seconds": cpu_seconds(usage),
        "sink_cpu_seconds": own_cpu,
        "message_bytes": sink.bytes // max(sink.messages, 1),
        "batches": sum(database["tasks"].values()),
        "connections": sink.connections,
        "problems": problems,
    }


# The table's columns: title, key in measure()'s result, format (right-aligned to the title's width).
COLUMNS = [
    ("recipients", "recipients", ""),
    ("seconds", "seconds", ".2f"),
    ("msg/s", "rate", ".1f"),
    ("sink msg/s", "sink_rate", ".1f"),
    ("worker CPU s", "worker_cpu_seconds", ".2f"),
    ("sink CPU s", "sink_cpu_seconds", ".2f"),
    ("batches", "batches", ""),
    ("SMTP conns", "connections", ""),
    ("RSS 1st batch MiB", "rss_first_batch_mib", ".1f"),
    ("RSS end MiB", "rss_last_mib", ".1f"),
    ("peak RSS MiB", "peak_rss_mib", ".1f"),
]


def check_database_url(url: str) -> str:
    name = bench_database_name(url, example="bench_campaign")
    return f"postgresql database {name} (kept; this script's rows are replaced on each run)"


def sizes(value: str) -> list[int]:
    try:
        numbers = sorted({int(part) for part in value.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError("give whole numbers separated by commas, e.g. 2000,10000") from None
    if len(numbers) < 2 or numbers[0] < 1:
        raise argparse.ArgumentTypeError("give at least two different sizes of at least 1, e.g. 2000,10000")
    return numbers


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Send one campaign to N recipients with the real worker and a local SMTP sink.",
    )
    parser.add_argument(
        "--sizes", type=sizes, default=sizes("2000,10000"), help="recipient counts (default: 2000,10000)"
    )
    parser.add_argument("--batch-size", type=int, default=100, help="NEWSLETTER_BATCH_SIZE (default: 100)")
    parser.add_argument(
        "--send-rate", type=float, default=0, help="NEWSLETTER_SEND_RATE, messages/s; 0: no pacing (default)"
    )
    parser.add_argument(
        "--max-growth-mib",
        type=float,
        default=5,
        help="largest allowed peak-RSS growth from the smallest size to the largest (default: 5)",
    )
    parser.add_argument(
        "--database-url",
        default="",
        help="a PostgreSQL database whose name contains 'bench' (default: a temporary SQLite file)",
    )
    parser.add_argument(
        "--timeout", type=float, default=600, help="seconds a worker run may take, plus N/rate (default: 600)"
    )
    options = parser.parse_args()
    if not 1 <= options.batch_size <= 10_000:
        parser.error("--batch-size must be between 1 and 10000 (the setting's limits)")
    if not 0 <= options.send_rate <= 10_000:
        parser.error("--send-rate must be between 0 and 10000 (the setting's limits)")
    return options


def main() -> int:
    options = parse_arguments()
    tmp = Path(tempfile.mkdtemp(prefix="healthyback-campaign-bench."))
    sink = Sink()
    controller = None
    try:
        if options.database_url:
            database_desc = check_database_url(options.database_url)
            database_url = options.database_url
        else:
            database_url = f"sqlite:///{tmp / 'db.sqlite3'}"
            database_desc = "sqlite (temporary file, removed on exit)"
        env = app_environment(media_root=str(tmp / "media"), database_url=database_url, SITE_URL=SITE_URL)
        log(f"database: {database_desc}")
        run_app(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
            env,
            "migrate (with PostgreSQL: does the database exist? createdb -h 127.0.0.1 -U postgres NAME)",
        )
        controller = start_sink(sink)
        options.sink_port = controller.port
        log(f"SMTP sink listening on 127.0.0.1:{controller.port}")

        results = [measure(recipients, options, env, sink, tmp) for recipients in options.sizes]
    except BenchError as error:
        log(f"ERROR: {error}")
        return 1
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        if controller is not None:
            controller.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    small, big = results[0], results[-1]
    growth = big["peak_rss_mib"] - small["peak_rss_mib"]
    pacing = f"at most {options.send_rate:g}/s" if options.send_rate else "no pacing"
    print(
        f"== healthyback campaign send: one db_worker --batch process, batches of {options.batch_size}, "
        f"{pacing}, SMTP sink on 127.0.0.1 (aiosmtpd, counts only)"
    )
    print(
        f"   {os.cpu_count()} cores, {os.uname().release}, Python {sys.version.split()[0]}, "
        f"database: {database_desc}, {big['message_bytes']} bytes a message"
    )
    print("  ".join(title for title, _, _ in COLUMNS) + "  checks")
    for row in results:
        cells = [f"{row[key]:>{len(title)}{spec}}" for title, key, spec in COLUMNS]
        print("  ".join(cells) + ("  ok" if not row["problems"] else "  FAILED"))
    failed = False
    for row in results:
        for problem in row["problems"]:
            print(f"FAILED ({row['recipients']} recipients): {problem}")
            failed = True
    print(
        f"peak RSS grew by {growth:+.1f} MiB from {small['recipients']} to {big['recipients']} recipients "
        f"(allowed: {options.max_growth_mib:g} MiB)"
    )
    if growth > options.max_growth_mib:
        print("FAILED: the worker's memory grows with the recipient count")
        failed = True
    print(
        f"campaign_send recipients={big['recipients']} seconds={big['seconds']:.2f} rate={big['rate']:.1f} "
        f"sink_rate={big['sink_rate']:.1f} "
        f"peak_rss_mib={big['peak_rss_mib']:.1f} rss_growth_mib={growth:.1f} "
        f"small_recipients={small['recipients']} small_peak_rss_mib={small['peak_rss_mib']:.1f} "
        f"smtp_connections={big['connections']} batch_size={options.batch_size} send_rate={options.send_rate:g} "
        f"database={'postgresql' if options.database_url else 'sqlite'} ok={0 if failed else 1}"
    )
    return 1 if failed else 0


def terminate(signum, frame):
    raise SystemExit(128 + signum)  # unwinds through main's clean-up: worker, sink, temporary folder


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] in INTERNAL:
        internal_main(*sys.argv[1:])
    else:
        signal.signal(signal.SIGTERM, terminate)
        sys.exit(main())
