"""Search latency: the server-side time of the first results page of /search/?q= on PostgreSQL.

    .venv/bin/python bench/search_latency.py                        # 10,000 extra articles, about 1 min
    .venv/bin/python bench/search_latency.py --repeat 10
    .venv/bin/python bench/search_latency.py --database-url postgres://postgres@127.0.0.1:5432/bench_other

The database (its name must contain "bench"; create it first with createdb -h 127.0.0.1 -U postgres
bench_search) is migrated and given the demo content plus --articles extra articles by seed_demo
(idempotent, so a second run reuses them), in subprocesses, and the table is analysed. Then, in this process, with
DJANGO_SETTINGS_MODULE=bench.settings (debug off, throwaway secrets), Django's test client asks for
the first results page of 20 common and 20 rare terms: each term once to warm up (discarded), then
--repeat rounds over all 40. What is timed is the whole request inside Django: middleware, the view
(count, ranked ids, the page's ten articles with their snippets) and the template; not a network or a
WSGI server. The page cache is off (PAGE_CACHE_SECONDS=0), or every round after the warm-up would
measure a cache hit. Every answer must be a 200 that found at least one article.

Output: progress on stderr; a table on stdout, the last line being
    search_latency articles=N requests=N median_ms=N p95_ms=N common_median_ms=N ... ok=1
Exit status 1 when an answer is wrong or the overall median exceeds --goal-ms.
"""

import argparse
import math
import os
import re
import statistics
import sys
import tempfile
import time

# Run as `python bench/search_latency.py`: this folder is on the path.
from common import ROOT, BenchError, app_environment, bench_database_name, log, run_app

# Words every demo article or most of them contain (up to all 10,000 rows match).
COMMON = [
    "pain", "back", "feel", "people", "weak", "control", "help", "move", "comfort", "keep",
    "long", "often", "seek", "make", "sleep", "stretch", "exercise", "walking", "posture", "sitting",
]  # fmt: skip
# Words from one demo article out of 14 (about 7% of the rows), and reader-question numbers that
# only one article's title holds.
RARE = [
    "acetaminophen", "acupuncture", "chiropractor", "checklist", "diabetes", "backrest",
    "degeneration", "circulation", "compression", "asleep",
    "1", "77", "404", "1234", "2500", "4711", "6001", "7777", "9000", "9999",
]  # fmt: skip
FOUND = re.compile(rb"(\d+) articles? found for")


def check_database_url(url: str) -> str:
    return bench_database_name(url, example="bench_search")


def percentile(values: list[float], fraction: float) -> float:
    """Nearest rank: the smallest value with at least `fraction` of them at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def measure(terms: list[str], repeat: int) -> tuple[dict[str, list[float]], dict[str, int]]:
    from django.test import Client

    client = Client()

    def get(term: str) -> tuple[float, int]:
        started = time.perf_counter()
        response = client.get("/search/", {"q": term})
        elapsed = (time.perf_counter() - started) * 1000
        found = FOUND.search(response.content)
        if response.status_code != 200 or not found:
            raise BenchError(f"/search/?q={term} answered {response.status_code} without results")
        return elapsed, int(found.group(1))

    matches = {term: get(term)[1] for term in terms}  # warm-up, discarded
    timings: dict[str, list[float]] = {term: [] for term in terms}
    for round_number in range(1, repeat + 1):
        for term in terms:
            timings[term].append(get(term)[0])
        log(f"round {round_number}/{repeat} done")
    return timings, matches


def summary(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), percentile(values, 0.95)


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/bench_search", help="a bench database"
    )
    parser.add_argument("--articles", type=int, default=10_000, help="extra articles for seed_demo")
    parser.add_argument("--repeat", type=int, default=5, help="measured rounds over the 40 terms")
    parser.add_argument("--goal-ms", type=float, default=50.0, help="largest allowed overall median")
    return parser.parse_args()


def main() -> int:
    options = parse_arguments()
    try:
        database = check_database_url(options.database_url)
        media_root = tempfile.mkdtemp(prefix="search-bench-media.")
        env = app_environment(
            media_root=media_root,
            database_url=options.database_url,
            DJANGO_ALLOWED_HOSTS="testserver",
            # The same term is asked for once a round: measure the search, not the page cache.
            PAGE_CACHE_SECONDS="0",
        )
        python = str(ROOT / ".venv" / "bin" / "python")
        log(f"database: postgresql {database} (kept); migrate")
        run_app([python, "manage.py", "migrate", "--noinput", "-v0"], env, "migrate")
        log(f"seed_demo --articles {options.articles}")
        seeded = run_app(
            [python, "manage.py", "seed_demo", "--articles", str(options.articles)], env, "seed_demo"
        )
        log(seeded.strip().splitlines()[-1] if seeded.strip() else "seed_demo said nothing")

        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.db import connection

        from articles.models import Article

        # seed_demo inserts thousands of rows at once; until autovacuum gets to the table, the
        # planner has no statistics for them. Production gets the same within a minute of such a load.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE articles_article")
        published = Article.objects.published().count()
        log(f"{published} published articles; measuring {len(COMMON)} common and {len(RARE)} rare terms")
        timings, matches = measure(COMMON + RARE, options.repeat)
    except BenchError as error:
        log(f"ERROR: {error}")
        return 1

    groups = {"common": COMMON, "rare": RARE}
    every = [ms for values in timings.values() for ms in values]
    median, p95 = summary(every)
    print("== search latency: first results page of /search/?q=, in-process test client, debug off")
    print(
        f"   postgresql {database}, {published} published articles, {options.repeat} rounds after a warm-up"
    )
    print(f"{'term':<16}{'matches':>8}{'median ms':>11}{'max ms':>9}")
    for term, values in timings.items():
        print(f"{term:<16}{matches[term]:>8}{statistics.median(values):>11.1f}{max(values):>9.1f}")
    fields = {}
    for name, terms in groups.items():
        group_median, group_p95 = summary([ms for term in terms for ms in timings[term]])
        print(f"{name:<8} median {group_median:.1f} ms  p95 {group_p95:.1f} ms")
        fields[f"{name}_median_ms"], fields[f"{name}_p95_ms"] = group_median, group_p95
    ok = median <= options.goal_ms
    print(f"overall  median {median:.1f} ms  p95 {p95:.1f} ms  (goal: median under {options.goal_ms:g} ms)")
    print(
        f"search_latency articles={published} requests={len(every)} median_ms={median:.1f} p95_ms={p95:.1f} "
        + " ".join(f"{key}={value:.1f}" for key, value in fields.items())
        + f" goal_ms={options.goal_ms:g} ok={int(ok)}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
