"""Render cost: the CPU time and Python calls of rendering the article page (50 comments), the home
page, a category page and a search page, inside Django, with the page cache off.

    .venv/bin/python bench/render_cost.py                            # about 1 min
    .venv/bin/python bench/render_cost.py --baseline-tree /tmp/old   # also measure another checkout

It migrates a new SQLite database in a temporary folder, runs `seed_demo --comments-per-article 50`
and `collectstatic`, then, in a subprocess with DJANGO_SETTINGS_MODULE=bench.settings (debug off,
throwaway secrets, PAGE_CACHE_SECONDS=0 so that every request renders), asks Django's test client
for each page, in two states:

- cold: the content generation moves on before every request, so nothing that renders share
  (core.pagecache.memo and {% memo %}: the article's content, the comment thread, pages of
  cards, the navigation, settings rows) is remembered: the render right after an edit (the edit's
  own cost, moving the generation on, is not counted; storing the parts again is);
- warm: those pieces are remembered: a page rendered for a signed-in reader, or a page-cache miss
  without a change in between.

What is timed is the whole request inside Django (middleware, view, queries, template); not a
network or a WSGI server (bench/article_throughput.sh measures those). CPU time is the smallest of
--rounds rounds of --requests requests (process_time: what this process used, less disturbed by
other load than wall time); calls are counted once with cProfile, and do not vary between runs.

With --baseline-tree, the same measurement runs with that checkout's code (a `git worktree add`
of an older commit, say) against the same database, and the ratios are printed.

Output: progress on stderr; a table on stdout, the last line being
    render_cost article_cold_ms=N article_warm_ms=N article_cold_calls=N ... [baseline_article_ms=N ratio=N]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

from common import ROOT, BenchError, app_environment, log, run_app

PAGES = ("article", "home", "category", "search")

MEASURE = r"""
import cProfile, json, pstats, sys, time
import django
django.setup()
from django.test import Client
from articles.models import Article, Category
try:
    from core import pagecache
except ImportError:  # an older checkout, before the page cache
    pagecache = None

rounds, requests = int(sys.argv[1]), int(sys.argv[2])
article = Article.objects.published().order_by("published_at").first()
category = Category.objects.filter(parent=None).first()
urls = {"article": article.get_absolute_url(), "home": "/", "category": category.get_absolute_url(),
        "search": "/search/?q=back"}
client = Client(HTTP_HOST="127.0.0.1")

def get(url, cold):
    # The CPU time of one request: an edit's own cost (moving the generation on) is not counted.
    if cold and pagecache:
        pagecache.invalidate()
    started = time.process_time()
    response = client.get(url)
    used = time.process_time() - started
    assert response.status_code == 200, (url, response.status_code)
    return used

results = {}
for name, url in urls.items():
    for state in ("cold", "warm"):
        cold = state == "cold"
        for _ in range(5):
            get(url, cold)
        times = []
        for _ in range(rounds):
            times.append(sum(get(url, cold) for _ in range(requests)) / requests * 1000)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(10):
            get(url, cold)
        profile.disable()
        calls = pstats.Stats(profile).total_calls // 10
        results[f"{name}_{state}"] = {"ms": min(times), "calls": calls}
print(json.dumps(results))
"""


def measure(tree: str, env: dict, rounds: int, requests: int) -> dict:
    # Run from the tree itself: `python -c` puts the current folder first on the path.
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(rounds), str(requests)],
        cwd=tree, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise BenchError(
            f"measuring in {tree} failed (exit {done.returncode}):\n{done.stderr.strip()[-3000:]}"
        )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5, help="rounds per page and state (the best counts)")
    parser.add_argument("--requests", type=int, default=20, help="requests per round")
    parser.add_argument("--baseline-tree", help="another checkout to measure the same way, for ratios")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="healthyback-render-") as folder:
        env = app_environment(
            media_root=os.path.join(folder, "media"),
            database_url=f"sqlite:///{folder}/db.sqlite3",
            PAGE_CACHE_SECONDS="0",
        )
        log("migrating a new SQLite database and loading the demo content with 50 comments an article")
        run_app([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], env, "migrate")
        run_app([sys.executable, "manage.py", "seed_demo", "--comments-per-article", "50"], env, "seed_demo")
        run_app([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], env, "collectstatic")
        log("measuring this checkout")
        ours = measure(str(ROOT), env, options.rounds, options.requests)
        baseline = None
        if options.baseline_tree:
            log(f"measuring {options.baseline_tree}")
            done = subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                cwd=options.baseline_tree, env=env, capture_output=True, text=True, check=False,
            )  # fmt: skip
            if done.returncode != 0:
                raise BenchError(f"collectstatic in {options.baseline_tree} failed:\n{done.stderr[-2000:]}")
            baseline = measure(options.baseline_tree, env, options.rounds, options.requests)

    print(
        f"== render cost inside Django, page cache off, best of {options.rounds}x{options.requests} requests"
    )
    print(
        f"{'page':10} {'cold ms':>8} {'warm ms':>8} {'cold calls':>11} {'warm calls':>11}"
        + (f" {'baseline ms':>12} {'calls':>8} {'cold x':>7} {'warm x':>7}" if baseline else "")
    )
    fields = []
    for page in PAGES:
        cold, warm = ours[f"{page}_cold"], ours[f"{page}_warm"]
        line = f"{page:10} {cold['ms']:8.2f} {warm['ms']:8.2f} {cold['calls']:11d} {warm['calls']:11d}"
        fields += [f"{page}_cold_ms={cold['ms']:.2f}", f"{page}_warm_ms={warm['ms']:.2f}",
                   f"{page}_cold_calls={cold['calls']}"]  # fmt: skip
        if baseline:
            before = baseline[f"{page}_warm"]  # an older checkout has nothing to keep warm
            line += (f" {before['ms']:12.2f} {before['calls']:8d} {before['ms'] / cold['ms']:7.2f}"
                     f" {before['ms'] / warm['ms']:7.2f}")  # fmt: skip
            fields += [f"baseline_{page}_ms={before['ms']:.2f}"]
        print(line)
    if baseline:
        print("cold x / warm x: how many times less CPU than the baseline's render of the same page")
    print("render_cost " + " ".join(fields))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as error:
        log(f"ERROR: {error}")
        sys.exit(1)
