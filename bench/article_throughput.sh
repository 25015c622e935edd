#!/usr/bin/env bash
# Page throughput: healthyback's article, home, category and search pages against a trivial Django
# view served by the very same gunicorn command (bench.settings adds /bench/trivial/ behind the
# same middleware), once with the anonymous page cache on and once with PAGE_CACHE_SECONDS=0, and
# the article against the WordPress anchor in ../shared/anchors/wordpress/. Then the workers'
# memory once each has served RSS_REQUESTS requests.
#
# Usage:  bash bench/article_throughput.sh          (from any folder; about 3.5 min by default)
#
# Knobs (environment):
#   PORT=8199        where our gunicorn listens, on 127.0.0.1 only
#   RUNS=3           measured rounds per pass; each round is one wrk run on the trivial view, then
#                    one on each page (medians over the rounds are reported)
#   DURATION=5s      length of each measured run: wrk -t1 -c16 -d$DURATION --timeout 10s --latency
#                    (each page first gets one discarded 3 s warm-up; 1 s if DURATION is shorter)
#   WORDPRESS=0      1: after our measurement, stop our gunicorn and run the WordPress anchor
#                    (needs root, takes minutes, installs Debian packages when missing) with the
#                    same RUNS and DURATION, and print the ratio measured in this run. 0: print the
#                    anchor's stored figure, labelled as not measured in this run.
#   GUNICORN_ARGS="--worker-class gthread --workers 2 --threads 4 --reuse-port"
#                    the worker options of the gunicorn command, as in production (the script adds
#                    --bind, --pid, --no-control-socket and -c bench/gunicorn_counts.py itself)
#   MALLOC_ARENA_MAX=2
#                    as in production (README): glibc's memory arenas for gunicorn's threads
#   PAGES="article home category search"
#                    the pages measured besides the trivial view (article is required)
#   PAGE_CACHE_SECONDS=
#                    for the cached pass: unset, the app's default; a number of seconds is passed
#                    on. The uncached pass always runs with PAGE_CACHE_SECONDS=0.
#   RSS_REQUESTS=10000
#                    before the workers' memory is read (last pass), each must have served this
#                    many requests; the script sends more (the trivial view, every 50th request a
#                    page) until they have. 0: read it as it is.
#   ARTICLE_SLUG=    the article to load; default: the first published demo article
#   SEARCH_TERM=back the search page loaded is /search/?q=SEARCH_TERM; it must find articles
#   COMMENTS=50      approved demo comments (in threads) on every article, like the WordPress
#                    anchor's post with its 50 comments
#   DATABASE_URL=    unset: a new SQLite file in a temporary folder (removed on exit).
#                    postgres://user@host:5432/name: that PostgreSQL database, which must exist and
#                    be dedicated to benchmarks (its name must contain "bench"); migrate and
#                    seed_demo run in it and their data stays there.
# Other variables the app reads (REDIS_URL, TIME_ZONE, ...) pass through; debug and HTTPS are off.
#
# Output: progress on stderr; results on stdout, the last line being
#   healthyback article_rps=N trivial_rps=N ratio=N.NNN article_bytes=N article_p50_ms=N ...
# where the first fields are those of the uncached pass, as before the page cache existed, and
# ratio = article_rps / trivial_rps (three decimals: it is well below 1); the cached_* fields are
# the cached pass. Goals are printed as PASS/FAIL lines and counted in goals_failed; they do not
# change the exit status, which is 1 only when wrk counted errors or non-2xx responses.
#
# Traffic goes to 127.0.0.1 only. Collected static files go to var/static (git-ignored). On exit
# the script stops its gunicorn (SIGTERM to the master pid from its pid file) and removes its
# temporary folder.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PORT="${PORT:-8199}"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-5s}"
WORDPRESS="${WORDPRESS:-0}"
GUNICORN_ARGS="${GUNICORN_ARGS:---worker-class gthread --workers 2 --threads 4 --reuse-port}"
PAGES="${PAGES:-article home category search}"
CACHED_SECONDS="${PAGE_CACHE_SECONDS:-}"
RSS_REQUESTS="${RSS_REQUESTS:-10000}"
ARTICLE_SLUG="${ARTICLE_SLUG:-}"
SEARCH_TERM="${SEARCH_TERM:-back}"
COMMENTS="${COMMENTS:-50}"
DATABASE_URL="${DATABASE_URL:-}"

WRK_OPTS=(-t1 -c16 --timeout 10s)
# Goals (informative: printed as PASS/FAIL, counted in goals_failed, never the exit status).
GOAL_CACHED=0.5        # a cached page serves at least half as many requests as the trivial view
GOAL_UNCACHED=0.04     # an uncached page at least 1/25 of them
GOAL_WORDPRESS=20      # the uncached article 20 times WordPress's post page, measured in one run
GOAL_RSS_MIB=80        # every worker's resident memory once it has served RSS_REQUESTS requests
PY="$ROOT/.venv/bin/python"
GUNICORN="$ROOT/.venv/bin/gunicorn"
ANCHOR_REL=../shared/anchors/wordpress          # relative to the project root
BASE="http://127.0.0.1:$PORT"

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}

if ! [[ "$PORT" =~ ^[1-9][0-9]{0,4}$ ]] || ((PORT > 65535)); then die "PORT=$PORT is not a port number"; fi
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS=$RUNS must be a whole number of at least 1"
[[ "$DURATION" =~ ^([0-9]+)([smh]?)$ ]] || die "DURATION=$DURATION must look like 10s, 2m or 30"
# The warm-up: 3 s, or 1 s when the runs are shorter than that (CI's smoke test runs 2 s).
WARMUP=3s
if [ -z "${BASH_REMATCH[2]}" ] || [ "${BASH_REMATCH[2]}" = s ] && ((BASH_REMATCH[1] < 3)); then WARMUP=1s; fi
[[ "$WORDPRESS" =~ ^[01]$ ]] || die "WORDPRESS=$WORDPRESS must be 0 or 1"
[[ "$RSS_REQUESTS" =~ ^[0-9]+$ ]] || die "RSS_REQUESTS=$RSS_REQUESTS must be a whole number"
if [ -n "$CACHED_SECONDS" ] && ! [[ "$CACHED_SECONDS" =~ ^[1-9][0-9]*$ ]]; then
  die "PAGE_CACHE_SECONDS=$CACHED_SECONDS: the cached pass needs a number of seconds above 0 (or leave it unset for the app's default; the uncached pass runs with 0 by itself)"
fi
read -r -a PAGE_NAMES <<<"$PAGES"
for name in "${PAGE_NAMES[@]}"; do
  [[ "$name" =~ ^(article|home|category|search)$ ]] || die "PAGES: '$name' is not one of article home category search"
done
[[ " $PAGES " == *" article "* ]] || die "PAGES must include article (the last line reports it)"
read -r -a GUNICORN_OPTS <<<"$GUNICORN_ARGS"
for opt in "${GUNICORN_OPTS[@]}"; do
  case "$opt" in
    -b* | --bind* | -p* | --pid* | -c* | --config* | -D | --daemon | --control-socket* | --no-control-socket)
      die "GUNICORN_ARGS must not set $opt: the script sets where gunicorn listens and how it is run" ;;
  esac
done
if [ ! -x "$PY" ] || [ ! -x "$GUNICORN" ]; then die "no .venv with gunicorn in $ROOT (run 'make run' once)"; fi
if [ "$WORDPRESS" = 1 ]; then
  [ "$(id -u)" = 0 ] || die "WORDPRESS=1 needs root (the anchor installs packages and starts servers)"
  [ -f "$ANCHOR_REL/setup_and_measure.sh" ] || die "the WordPress anchor is missing: $ROOT/$ANCHOR_REL"
fi

# --------------------------------------------------------------------------------------------
# Temporary folder, and stopping what we start
# --------------------------------------------------------------------------------------------
TMP="$(mktemp -d -t healthyback-bench.XXXXXX)"
GUNICORN_PID=""
GUNICORN_LOG=""
PID_FILE="$TMP/gunicorn.pid"
COUNTS_DIR=""   # one file per worker pid: the requests it has served (bench/gunicorn_counts.py)

alive() {   # pid: running, and not a zombie waiting to be reaped
  [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null &&
    [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null || echo Z)" != Z ]
}

stop_gunicorn() {
  local pids=() pid i
  if [ -s "$PID_FILE" ]; then pids+=("$(cat "$PID_FILE" 2>/dev/null || true)"); fi
  # The master we started (the same pid, unless the pid file was never written).
  if [ -n "$GUNICORN_PID" ] && [ "${pids[0]:-}" != "$GUNICORN_PID" ]; then pids+=("$GUNICORN_PID"); fi
  for pid in "${pids[@]}"; do
    alive "$pid" || continue
    log "stopping gunicorn (master pid $pid, SIGTERM)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 400; i++)); do   # gunicorn's graceful timeout is 30 s
      alive "$pid" || break
      sleep 0.1
    done
    if alive "$pid"; then
      log "gunicorn master $pid still running after 40 s: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  if [ -n "$GUNICORN_PID" ]; then wait "$GUNICORN_PID" 2>/dev/null || true; fi
  GUNICORN_PID=""
  rm -f "$PID_FILE"
}

cleanup() {
  local rc=$?
  stop_gunicorn
  if [ "$rc" -ne 0 ] && [ -n "$GUNICORN_LOG" ] && [ -s "$GUNICORN_LOG" ]; then
    log "last lines of gunicorn's log:"
    tail -n 25 "$GUNICORN_LOG" >&2
  fi
  rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --------------------------------------------------------------------------------------------
# Environment of the app: production-like, throwaway secrets
# --------------------------------------------------------------------------------------------
export DJANGO_SETTINGS_MODULE=bench.settings
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
export DJANGO_DEBUG=0 DJANGO_HTTPS=0
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
DJANGO_SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export DJANGO_SECRET_KEY
export RECAPTCHA_PUBLIC_KEY=bench-throwaway-public-key RECAPTCHA_PRIVATE_KEY=bench-throwaway-private-key
export MEDIA_ROOT="$TMP/media"

if [ -z "$DATABASE_URL" ]; then
  DATABASE_URL="sqlite:///$TMP/db.sqlite3"
  DB_DESC="sqlite (temporary file, removed on exit)"
else
  [[ "$DATABASE_URL" =~ ^(postgres|postgresql|pgsql)://[^?]*/([^/?]+)(\?.*)?$ ]] ||
    die "DATABASE_URL must be postgres://user@host:5432/name (leave it unset for a temporary SQLite file)"
  db_name="${BASH_REMATCH[2]}"
  [[ "$db_name" == *bench* ]] ||
    die "DATABASE_URL names the database '$db_name': use one dedicated to benchmarks, whose name contains 'bench' (createdb -h 127.0.0.1 -U postgres bench_healthyback)"
  DB_DESC="postgresql database $db_name (kept)"
fi
export DATABASE_URL

# --------------------------------------------------------------------------------------------
# Tools, database, content, static files
# --------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  [ "$(id -u)" = 0 ] || die "wrk is missing and installing it needs root: apt-get install -y wrk"
  log "installing wrk (Debian package)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null ||
    { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null; }
fi
command -v curl >/dev/null || die "curl is missing: apt-get install -y curl"
command -v ps >/dev/null || die "ps is missing: apt-get install -y procps"
(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && die "port $PORT is already in use; choose another with PORT="

log "database: $DB_DESC"
"$PY" manage.py migrate --noinput -v0 ||
  die "migrate failed (with PostgreSQL: does the database exist? createdb -h 127.0.0.1 -U postgres NAME)"
seed_report="$("$PY" manage.py seed_demo --comments-per-article "$COMMENTS" | tail -n 1)"
log "seed_demo: $seed_report"
"$PY" manage.py collectstatic --noinput -v0

# The addresses, from Django itself: the article (ARTICLE_SLUG, or the first published one), the
# home page, the first top-level category with published articles (its own or its subcategories'),
# and the search for SEARCH_TERM with the number of articles it finds. "-" when there is none.
declare -A PAGE_PATH
SEARCH_FOUND=0
while read -r name path extra; do
  case "$name" in
    article | home | category) PAGE_PATH[$name]="$path" ;;
    search) PAGE_PATH[search]="$path" SEARCH_FOUND="$extra" ;;
  esac
done < <(ARTICLE_SLUG="$ARTICLE_SLUG" SEARCH_TERM="$SEARCH_TERM" "$PY" manage.py shell -v0 -c '
import os
from urllib.parse import urlencode
from django.db.models import Q
from django.urls import reverse
from articles.models import Article, Category
from articles.search import clean_query, search_page
published = Article.objects.published()
slug = os.environ["ARTICLE_SLUG"] or getattr(published.order_by("published_at").first(), "slug", "")
print("article", reverse("articles:detail", args=[slug]) if slug else "-")
print("home", reverse("home"))
category = next(
    (c for c in Category.objects.filter(parent=None) if published.filter(Q(category=c) | Q(category__parent=c)).exists()),
    None,
)
print("category", category.get_absolute_url() if category else "-")
term = clean_query(os.environ["SEARCH_TERM"])
found = search_page(term, 1).paginator.count if term else 0
print("search", reverse("articles:search") + "?" + urlencode({"q": term}), found)
' 2>"$TMP/addresses.err" || true)
for name in "${PAGE_NAMES[@]}"; do
  if [ "${PAGE_PATH[$name]:--}" = - ]; then
    cat "$TMP/addresses.err" >&2
    case "$name" in
      article) die "found no published article to load (set ARTICLE_SLUG=...)" ;;
      category) die "found no top-level category with published articles (or leave category out of PAGES)" ;;
      *) die "could not find the address of the $name page" ;;
    esac
  fi
done
if [[ " $PAGES " == *" search "* ]] && ! ((SEARCH_FOUND > 0)); then
  die "the search for '$SEARCH_TERM' finds no article: choose another with SEARCH_TERM="
fi
TRIVIAL_PATH=/bench/trivial/
NAMES=(trivial "${PAGE_NAMES[@]}")
PAGE_PATH[trivial]="$TRIVIAL_PATH"

# --------------------------------------------------------------------------------------------
# One gunicorn per pass, as in production
# --------------------------------------------------------------------------------------------
http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" || true; }
fetch() {   # path file [headers-file] -> prints "status bytes"
  curl -s -o "$2" -D "${3:-/dev/null}" -w '%{http_code} %{size_download}\n' --max-time 30 "$BASE$1" || true
}

start_gunicorn() {   # pass: cached (PAGE_CACHE_SECONDS as given, or the app's default) or uncached (0)
  local pass="$1" i
  local env_args=(env -u PAGE_CACHE_SECONDS)
  if [ "$pass" = uncached ]; then
    env_args=(env PAGE_CACHE_SECONDS=0)
  elif [ -n "$CACHED_SECONDS" ]; then
    env_args=(env "PAGE_CACHE_SECONDS=$CACHED_SECONDS")
  fi
  COUNTS_DIR="$TMP/counts-$pass"
  GUNICORN_LOG="$TMP/gunicorn-$pass.log"
  mkdir -p "$COUNTS_DIR"
  log "starting gunicorn on 127.0.0.1:$PORT ($GUNICORN_ARGS), page cache ${PASS_DESC[$pass]}"
  "${env_args[@]}" BENCH_COUNTS_DIR="$COUNTS_DIR" "$GUNICORN" healthyback.wsgi:application \
    "${GUNICORN_OPTS[@]}" --bind "127.0.0.1:$PORT" --no-control-socket --pid "$PID_FILE" \
    -c "$ROOT/bench/gunicorn_counts.py" >"$GUNICORN_LOG" 2>&1 &
  GUNICORN_PID=$!
  for ((i = 0; ; i++)); do
    [ "$(http_code "$BASE/healthz")" = 200 ] && break
    alive "$GUNICORN_PID" || die "gunicorn exited before answering"
    [ "$i" -lt 240 ] || die "/healthz did not answer 200 within 60 s"
    sleep 0.25
  done
}

declare -A BYTES CACHE_HEADERS
check_pages() {   # pass: every page answers 200; sizes, the article's title and cache headers
  local pass="$1" name code bytes
  for name in "${NAMES[@]}"; do
    read -r code bytes < <(fetch "${PAGE_PATH[$name]}" "$TMP/$name.html")
    [ "$code" = 200 ] || die "${PAGE_PATH[$name]} answered HTTP $code, not 200"
    BYTES[$name]="${BYTES[$name]:-$bytes}"
  done
  [ "$(cat "$TMP/trivial.html")" = ok ] || die "$TRIVIAL_PATH did not answer 'ok'"
  TITLE="$(sed -n 's:.*<title>\(.*\)</title>.*:\1:p' "$TMP/article.html" | head -n 1)"
  # Once more, for the headers of a response the page cache may have kept.
  read -r code bytes < <(fetch "${PAGE_PATH[article]}" "$TMP/article.html" "$TMP/article.headers")
  [ "$code" = 200 ] || die "${PAGE_PATH[article]} answered HTTP $code, not 200"
  CACHE_HEADERS[$pass]="$(tr -d '\r' <"$TMP/article.headers" |
    grep -iE '^(cache-control|age|expires|x-[a-z-]*cache[a-z-]*):' | paste -sd ';' - | sed 's/;/; /g' || true)"
  log "pages answer 200 (${pass}): $(for name in "${NAMES[@]}"; do printf '%s %s (%s bytes)  ' "$name" "${PAGE_PATH[$name]}" "${BYTES[$name]}"; done)"
}

# --------------------------------------------------------------------------------------------
# Measurement helpers
# --------------------------------------------------------------------------------------------
# One wrk --latency output -> "rps p50_ms p99_ms errors requests" (errors: socket errors +
# non-2xx/3xx).
parse_wrk() {
  awk '
    function ms(v) {
      if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
      if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
      if (v ~ /m$/)  { sub(/m$/, "", v);  return v * 60000 }
      if (v ~ /s$/)  { sub(/s$/, "", v);  return v * 1000 }
      return v + 0
    }
    / requests in / { n = $1 }
    /Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { err += $NF }
    /Socket errors:/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
    END { if (rps == "") exit 1; printf "%s %.2f %.2f %d %d\n", rps, p50, p99, err + 0, n + 0 }' "$1"
}
median() {   # the middle value; the mean of the two middle ones for an even count
  printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 }
    END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
spread() {   # (largest - smallest) / median, in %
  printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 }
    END { m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
          if (m > 0) printf "%.0f\n", 100 * (a[NR] - a[1]) / m; else print "nan" }'
}
ratio() {   # a b [decimals, default 2] -> a / b
  awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN { if (b > 0) printf ("%." d "f"), a / b; else print "nan" }'
}

# What each run cost and who did the work, from /proc: a run where one worker served nearly every
# request (gthread keeps a keep-alive connection on the worker that accepted it) or where other
# processes took the CPU is not comparable with the others, and the script says so.
CLK_TCK="$(getconf CLK_TCK)"
worker_pids() { ps --ppid "$GUNICORN_PID" -o pid= 2>/dev/null | tr -d ' ' || true; }
server_ticks() {   # CPU time used so far by the gunicorn master and its workers, in clock ticks
  local pid files=("/proc/$GUNICORN_PID/stat")
  for pid in $(worker_pids); do files+=("/proc/$pid/stat"); done
  # The command may contain spaces: the fields counted are those after "pid (comm) ".
  { cat "${files[@]}" 2>/dev/null || true; } | awk '{ sub(/^.*\) /, ""); s += $12 + $13 } END { print s + 0 }'
}
machine_ticks() {   # all CPUs since boot: "busy total" in clock ticks (steal counts as not ours)
  awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8; print busy, busy + $5 + $6 + $9; exit }' /proc/stat
}
worker_counts() {   # "pid requests" for each live worker
  local pid n
  for pid in $(worker_pids); do
    n=0
    if [ -s "$COUNTS_DIR/$pid" ]; then read -r n <"$COUNTS_DIR/$pid" || n=0; fi
    echo "$pid $n"
  done
}
children_ms() {   # a `times` output -> CPU ms of the shell's finished children (wrk, here)
  awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); ms += t[1] * 60000 + t[2] * 1000 } }
    END { printf "%d\n", ms }' "$1"
}

# One measured wrk run: url output-file -> RUN_RPS RUN_P50 RUN_P99 RUN_ERR (as parse_wrk),
# RUN_CPU (server CPU ms per request), RUN_SHARES ("52/48": each worker's % of the requests),
# RUN_TOP (the busiest worker's %), RUN_OTHER (% of the machine used by processes other than our
# gunicorn and wrk).
measure() {
  local url="$1" f="$2" s0 s1 m0 m1 w0 w1 server_ms wrk_ms requests
  worker_counts >"$TMP/counts-before"
  s0=$(server_ticks)
  m0=$(machine_ticks)
  times >"$TMP/times-before"   # here, not in a subshell: a subshell's children start at zero
  wrk "${WRK_OPTS[@]}" -d"$DURATION" --latency "$url" >"$f"
  times >"$TMP/times-after"
  m1=$(machine_ticks)
  s1=$(server_ticks)
  worker_counts >"$TMP/counts-after"
  read -r RUN_RPS RUN_P50 RUN_P99 RUN_ERR requests < <(parse_wrk "$f") ||
    die "could not read wrk's output: $(cat "$f")"
  w0=$(children_ms "$TMP/times-before")
  w1=$(children_ms "$TMP/times-after")
  server_ms=$(((s1 - s0) * 1000 / CLK_TCK))
  wrk_ms=$((w1 - w0))
  RUN_CPU=$(awk -v ms="$server_ms" -v n="$requests" 'BEGIN { if (n > 0) printf "%.2f", ms / n; else print "nan" }')
  read -r RUN_OTHER < <(awk -v m0="$m0" -v m1="$m1" -v own="$((server_ms + wrk_ms))" -v hz="$CLK_TCK" 'BEGIN {
      split(m0, a, " "); split(m1, b, " ")
      other = (b[1] - a[1]) * 1000 / hz - own; total = (b[2] - a[2]) * 1000 / hz
      printf "%d\n", (total > 0 && other > 0) ? 100 * other / total + 0.5 : 0 }')
  read -r RUN_TOP RUN_SHARES < <(awk 'NR == FNR { before[$1] = $2; next }
      { d[$1] = $2 - before[$1]; sum += d[$1]; order[++n] = $1 }
      END {
        top = 0; shares = ""
        for (i = 1; i <= n; i++) {
          s = sum > 0 ? 100 * d[order[i]] / sum : 0
          if (s > top) top = s
          shares = shares (i > 1 ? "/" : "") sprintf("%.0f", s)
        }
        printf "%.0f %s\n", top, (n ? shares : "-") }' "$TMP/counts-before" "$TMP/counts-after")
}

# --------------------------------------------------------------------------------------------
# The passes: page cache on, then off; trivial view and pages alternately on the same server
# --------------------------------------------------------------------------------------------
PASSES=(cached uncached)
CACHED_DESC="PAGE_CACHE_SECONDS=$CACHED_SECONDS"
[ -n "$CACHED_SECONDS" ] || CACHED_DESC="PAGE_CACHE_SECONDS unset: the app's default"
declare -A PASS_DESC=(
  [cached]="on ($CACHED_DESC)"
  [uncached]="off (PAGE_CACHE_SECONDS=0)"
)
declare -A RPS P50 P99 ERR CPU MED_RPS MED_P50 MED_P99 MED_CPU SPREAD
WORKERS=0
UNBALANCED=0
OTHER_MAX=0
OTHER_BUSY_RUNS=0   # runs in which other processes used more than a tenth of the machine
MEASURED=0
ERRORS=0

run_pass() {
  local pass="$1" name key i flags
  start_gunicorn "$pass"
  check_pages "$pass"
  for name in "${NAMES[@]}"; do
    log "warm-up $pass $name ($WARMUP, discarded)"
    wrk "${WRK_OPTS[@]}" -d"$WARMUP" "$BASE${PAGE_PATH[$name]}" >"$TMP/wrk-$pass-$name-warmup.txt"
  done
  WORKERS=$(worker_pids | wc -l)   # all booted by now
  # A run is unbalanced when one worker served more than 1.5 times its fair share: 75 % of the
  # requests with two workers.
  UNBALANCED_PCT=$((WORKERS > 1 ? 150 / WORKERS : 101))
  for ((i = 1; i <= RUNS; i++)); do
    for name in "${NAMES[@]}"; do
      key="$pass.$name"
      measure "$BASE${PAGE_PATH[$name]}" "$TMP/wrk-$pass-$name-run$i.txt"
      RPS[$key]+=" $RUN_RPS"
      P50[$key]+=" $RUN_P50"
      P99[$key]+=" $RUN_P99"
      CPU[$key]+=" $RUN_CPU"
      ERR[$key]=$((${ERR[$key]:-0} + RUN_ERR))
      ERRORS=$((ERRORS + RUN_ERR))
      MEASURED=$((MEASURED + 1))
      flags=""
      if ((WORKERS > 1 && RUN_TOP > UNBALANCED_PCT)); then
        UNBALANCED=$((UNBALANCED + 1))
        flags+="  UNBALANCED"
      fi
      if ((RUN_OTHER > 10)); then
        OTHER_BUSY_RUNS=$((OTHER_BUSY_RUNS + 1))
        flags+="  OTHER LOAD"
      fi
      if ((RUN_OTHER > OTHER_MAX)); then OTHER_MAX=$RUN_OTHER; fi
      log "$pass round $i/$RUNS $name: $RUN_RPS req/s  p50=${RUN_P50} ms  p99=${RUN_P99} ms  errors=$RUN_ERR  cpu=$RUN_CPU ms/req  workers ${RUN_SHARES}%  other load ${RUN_OTHER}%$flags"
    done
  done
  for name in "${NAMES[@]}"; do
    key="$pass.$name"
    # shellcheck disable=SC2086  # word splitting of the space-separated lists is intended
    MED_RPS[$key]=$(median ${RPS[$key]})
    # shellcheck disable=SC2086
    MED_P50[$key]=$(median ${P50[$key]})
    # shellcheck disable=SC2086
    MED_P99[$key]=$(median ${P99[$key]})
    # shellcheck disable=SC2086
    MED_CPU[$key]=$(median ${CPU[$key]})
    # shellcheck disable=SC2086
    SPREAD[$key]=$(spread ${RPS[$key]})
  done
}

# Memory: once every worker has served RSS_REQUESTS requests (measured runs and warm-ups count),
# each worker's VmRSS. More requests go to the trivial view with every 50th one a page, so that
# the top-up is quick even without the page cache and still renders every page again.
RSS_LINES=()
RSS_MAX_MIB=0
RSS_MIN_REQUESTS=0
TOPUP_ERRORS=0
read_memory() {
  local round secs rate pid n pages="" name rps errors requests
  for name in "${PAGE_NAMES[@]}"; do pages+="\"${PAGE_PATH[$name]}\", "; done
  cat >"$TMP/mix.lua" <<EOF
-- The trivial view, with every 50th request one of the pages in turn.
local pages = { ${pages%, } }
local n = 0
request = function()
  n = n + 1
  if n % 50 == 0 then return wrk.format(nil, pages[(n / 50) % #pages + 1]) end
  return wrk.format(nil, "$TRIVIAL_PATH")
end
EOF
  # The mix runs at about 4/5 of the trivial view's rate without the page cache.
  rate=$(awk -v t="${MED_RPS[uncached.trivial]}" 'BEGIN { printf "%d", 0.8 * t + 1 }')
  for ((round = 1; round <= 6; round++)); do
    RSS_MIN_REQUESTS=$(worker_counts | awk 'NR == 1 || $2 < m { m = $2 } END { print m + 0 }')
    ((RSS_MIN_REQUESTS < RSS_REQUESTS)) || break
    # Enough time for every worker to reach the count at the last rate seen, within 2 to 40 s.
    secs=$(awk -v need="$(( (RSS_REQUESTS - RSS_MIN_REQUESTS) * WORKERS ))" -v r="$rate" \
      'BEGIN { s = int(1.1 * need / (r > 0 ? r : 100)) + 1; print (s < 2) ? 2 : ((s > 40) ? 40 : s) }')
    log "memory: the least busy worker has served $RSS_MIN_REQUESTS requests; ${secs}s more of the trivial view mixed with the pages"
    wrk "${WRK_OPTS[@]}" -d"${secs}s" -s "$TMP/mix.lua" "$BASE$TRIVIAL_PATH" >"$TMP/wrk-topup-$round.txt"
    read -r rps _ _ errors requests < <(parse_wrk "$TMP/wrk-topup-$round.txt") ||
      die "could not read wrk's output: $(cat "$TMP/wrk-topup-$round.txt")"
    TOPUP_ERRORS=$((TOPUP_ERRORS + errors))
    rate="$rps"
    log "memory: top-up $round: $requests requests at $rps req/s, errors=$errors"
  done
  RSS_MIN_REQUESTS=$(worker_counts | awk 'NR == 1 || $2 < m { m = $2 } END { print m + 0 }')
  while read -r pid n; do
    RSS_LINES+=("$(awk -v pid="$pid" -v n="$n" '/^VmRSS:/ { rss = $2 } /^VmHWM:/ { hwm = $2 }
      END { printf "worker %s: %d requests, VmRSS %.1f MiB (peak %.1f MiB)", pid, n, rss / 1024, hwm / 1024 }' \
      "/proc/$pid/status")")
    RSS_MAX_MIB=$(awk -v m="$RSS_MAX_MIB" '/^VmRSS:/ { r = $2 / 1024 } END { printf "%.1f", (r > m) ? r : m }' "/proc/$pid/status")
  done < <(worker_counts)
  RSS_LINES+=("$(awk '/^VmRSS:/ { printf "master: VmRSS %.1f MiB (serves no requests)", $2 / 1024 }' "/proc/$GUNICORN_PID/status")")
}

for pass in "${PASSES[@]}"; do
  run_pass "$pass"
  if [ "$pass" = "${PASSES[-1]}" ]; then read_memory; fi
  stop_gunicorn   # nothing else should compete for the CPU from here on
done
ERRORS=$((ERRORS + TOPUP_ERRORS))

# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------
declare -A RATIO
for pass in "${PASSES[@]}"; do
  for name in "${NAMES[@]}"; do
    RATIO[$pass.$name]=$(ratio "${MED_RPS[$pass.$name]}" "${MED_RPS[$pass.trivial]}" 3)
  done
done

echo "== healthyback page throughput: MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX gunicorn $GUNICORN_ARGS ($WORKERS workers), debug off"
echo "   wrk ${WRK_OPTS[*]} -d$DURATION --latency, $WARMUP warm-up each, $RUNS round(s) per pass alternating ${NAMES[*]}, medians"
echo "   $(nproc) cores, $(uname -r), wrk $(dpkg-query -W -f='${Version}' wrk 2>/dev/null || echo '?'), gunicorn $("$GUNICORN" --version | awk '{print $NF}' | tr -d ')'), database: $DB_DESC, cache: $([ -n "${REDIS_URL:-}" ] && echo redis || echo 'files in var/page-cache (pages), local memory (the rest)')"
echo "   article: ${PAGE_PATH[article]} (${BYTES[article]} bytes, \"$TITLE\"); trivial: $TRIVIAL_PATH (${BYTES[trivial]} bytes)"
for name in "${PAGE_NAMES[@]}"; do
  case "$name" in
    home | category) echo "   $name: ${PAGE_PATH[$name]} (${BYTES[$name]} bytes)" ;;
    search) echo "   search: ${PAGE_PATH[search]} (${BYTES[search]} bytes; $SEARCH_FOUND articles found)" ;;
  esac
done
for pass in "${PASSES[@]}"; do
  echo "-- page cache ${PASS_DESC[$pass]}; the article's cache headers: ${CACHE_HEADERS[$pass]:-none}"
  printf '%-9s %10s %9s %9s %9s %10s %6s %6s  %s\n' page req/s 'x trivial' 'p50 ms' 'p99 ms' 'CPU ms/req' spread errors 'runs (req/s)'
  for name in "${NAMES[@]}"; do
    key="$pass.$name"
    printf '%-9s %10s %9s %9s %9s %10s %5s%% %6s  %s\n' "$name" "${MED_RPS[$key]}" "${RATIO[$key]}" \
      "${MED_P50[$key]}" "${MED_P99[$key]}" "${MED_CPU[$key]}" "${SPREAD[$key]}" "${ERR[$key]}" "${RPS[$key]# }"
  done
done
COST=$(awk -v a="${MED_RPS[uncached.article]}" -v t="${MED_RPS[uncached.trivial]}" 'BEGIN { if (a > 0) printf "%.1f", t / a; else print "nan" }')
echo "article/trivial throughput ratio, page cache off: ${RATIO[uncached.article]} (one article request costs about $COST trivial ones); page cache on: ${RATIO[cached.article]}"
if awk -v c="${MED_CPU[cached.article]}" -v u="${MED_CPU[uncached.article]}" 'BEGIN { exit !(c > 0.5 * u) }'; then
  echo "NOTE: with the page cache on, an article request still costs ${MED_CPU[cached.article]} ms of server CPU against ${MED_CPU[uncached.article]} ms with it off: is there a page cache (PAGE_CACHE_SECONDS) in this tree?"
fi
if awk -v c="${MED_RPS[cached.trivial]}" -v u="${MED_RPS[uncached.trivial]}" 'BEGIN { exit !(c < 0.8 * u) }'; then
  echo "NOTE: the trivial view serves ${MED_RPS[cached.trivial]} req/s with the page cache on against ${MED_RPS[uncached.trivial]} with it off (CPU ${MED_CPU[cached.trivial]} against ${MED_CPU[uncached.trivial]} ms/req): the page cache costs the requests it does not store, so the page-cache-on ratios are to a slower baseline. Against the trivial view with the page cache off, the cached article is $(ratio "${MED_RPS[cached.article]}" "${MED_RPS[uncached.trivial]}" 3) x."
fi
if ((WORKERS > 1)); then
  echo "unbalanced runs: $UNBALANCED of $MEASURED (one worker served more than $UNBALANCED_PCT % of a run's requests)"
fi
echo "other load: at most $OTHER_MAX % of the machine in a run (processes other than this gunicorn and wrk; $OTHER_BUSY_RUNS run(s) above 10 %)"
if ((UNBALANCED > 0 || OTHER_BUSY_RUNS > 0)); then
  echo "WARNING: some runs were unbalanced or shared the CPU: req/s are low and noisy there; CPU ms/req is less affected"
fi
echo "memory after the page-cache-off pass:"
for line in "${RSS_LINES[@]}"; do echo "   $line"; done
if [ "$ERRORS" -gt 0 ]; then
  echo "WARNING: wrk counted $ERRORS errors or non-2xx responses ($TOPUP_ERRORS in the memory top-up): these figures are not valid"
fi

# --------------------------------------------------------------------------------------------
# The WordPress anchor: measured now (WORDPRESS=1), or its stored figure
# --------------------------------------------------------------------------------------------
wp_rps=""
wp_how=""
if [ "$WORDPRESS" = 1 ]; then
  WP_RESULTS="$(mktemp -d -t wordpress-anchor.XXXXXX)"
  log "running the WordPress anchor (several minutes; RUNS=$RUNS WRK_DURATION=$DURATION; raw output kept in $WP_RESULTS)"
  # Our PORT must not reach the anchor (it serves on its own port, 8090 by default).
  if ! env -u PORT RESULTS="$WP_RESULTS" RUNS="$RUNS" WRK_DURATION="$DURATION" \
    bash "$ANCHOR_REL/setup_and_measure.sh" >"$TMP/wordpress.out"; then
    die "the WordPress anchor failed (its log is above; raw output in $WP_RESULTS)"
  fi
  wp_line="$(grep '^wordpress ' "$TMP/wordpress.out" | tail -n 1 || true)"
  wp_rps="$(sed -n 's/.*[[:space:]]post_rps=\([0-9.]*\).*/\1/p' <<<"$wp_line")"
  [ -n "$wp_rps" ] || die "could not read post_rps from the anchor's output: $(cat "$TMP/wordpress.out")"
  cat "$TMP/wordpress.out"
  echo "vs_wordpress ratio=$(ratio "${MED_RPS[uncached.article]}" "$wp_rps") (healthyback article_rps, page cache off / wordpress post_rps, both measured in this run)"
  wp_how="measured in this run"
else
  summary="$ANCHOR_REL/results/summary.txt"
  wp_line="$(grep '^wordpress ' "$summary" 2>/dev/null | tail -n 1 || true)"
  wp_rps="$(sed -n 's/.*[[:space:]]post_rps=\([0-9.]*\).*/\1/p' <<<"$wp_line")"
  if [ -n "$wp_rps" ]; then
    wp_when="$(sed -n '1s/^# WordPress anchor, \([^,]*\),.*/\1/p' "$summary")"
    echo "wordpress post_rps=$wp_rps (stored ${wp_when:+on $wp_when }in $summary, not measured in this run; WORDPRESS=1 measures it)"
    echo "vs_wordpress_stored ratio=$(ratio "${MED_RPS[uncached.article]}" "$wp_rps") (healthyback article_rps, page cache off / stored wordpress post_rps; stored, not measured in this run)"
    wp_how="STORED, not measured in this run: WORDPRESS=1 measures it"
  else
    echo "wordpress: no stored figure found in $summary (WORDPRESS=1 measures it)"
  fi
fi

# --------------------------------------------------------------------------------------------
# Goals (informative)
# --------------------------------------------------------------------------------------------
GOALS_FAILED=0
goal() {   # description value threshold [<= for an upper bound; default >=]
  local verdict
  if awk -v v="$2" -v t="$3" -v op="${4:->=}" 'BEGIN { if (v == "nan" || v == "") exit 1; ok = (op == "<=") ? (v + 0 <= t + 0) : (v + 0 >= t + 0); exit !ok }'; then
    verdict=PASS
  else
    verdict=FAIL
    GOALS_FAILED=$((GOALS_FAILED + 1))
  fi
  printf '%s  %s: %s (goal %s %s)\n' "$verdict" "$1" "$2" "${4:->=}" "$3"
}
echo "goals (informative; the exit status does not depend on them):"
for name in "${PAGE_NAMES[@]}"; do
  goal "$name, page cache on, x trivial" "${RATIO[cached.$name]}" "$GOAL_CACHED"
done
for name in "${PAGE_NAMES[@]}"; do
  goal "$name, page cache off, x trivial" "${RATIO[uncached.$name]}" "$GOAL_UNCACHED"
done
if [ -n "$wp_rps" ]; then
  goal "article, page cache off, x WordPress post_rps $wp_rps ($wp_how)" "$(ratio "${MED_RPS[uncached.article]}" "$wp_rps")" "$GOAL_WORDPRESS"
fi
if ((RSS_MIN_REQUESTS >= RSS_REQUESTS)); then
  goal "largest worker VmRSS in MiB, every worker past $RSS_REQUESTS requests (fewest: $RSS_MIN_REQUESTS)" "$RSS_MAX_MIB" "$GOAL_RSS_MIB" "<="
else
  echo "FAIL  largest worker VmRSS in MiB: $RSS_MAX_MIB, but a worker had served only $RSS_MIN_REQUESTS of $RSS_REQUESTS requests (goal <= $GOAL_RSS_MIB after $RSS_REQUESTS)"
  GOALS_FAILED=$((GOALS_FAILED + 1))
fi

line="healthyback article_rps=${MED_RPS[uncached.article]} trivial_rps=${MED_RPS[uncached.trivial]} ratio=${RATIO[uncached.article]}"
line+=" article_bytes=${BYTES[article]} article_p50_ms=${MED_P50[uncached.article]} article_p99_ms=${MED_P99[uncached.article]}"
line+=" trivial_p50_ms=${MED_P50[uncached.trivial]} trivial_p99_ms=${MED_P99[uncached.trivial]} errors=$ERRORS"
line+=" article_cpu_ms=${MED_CPU[uncached.article]} trivial_cpu_ms=${MED_CPU[uncached.trivial]}"
line+=" cached_article_rps=${MED_RPS[cached.article]} cached_trivial_rps=${MED_RPS[cached.trivial]} cached_ratio=${RATIO[cached.article]}"
line+=" cached_article_cpu_ms=${MED_CPU[cached.article]}"
for name in "${PAGE_NAMES[@]}"; do
  [ "$name" = article ] && continue
  line+=" ${name}_rps=${MED_RPS[uncached.$name]} ${name}_ratio=${RATIO[uncached.$name]}"
  line+=" cached_${name}_rps=${MED_RPS[cached.$name]} cached_${name}_ratio=${RATIO[cached.$name]}"
done
line+=" worker_rss_max_mib=$RSS_MAX_MIB worker_requests_min=$RSS_MIN_REQUESTS workers=$WORKERS"
line+=" unbalanced_runs=$UNBALANCED other_load_max_pct=$OTHER_MAX goals_failed=$GOALS_FAILED"
echo "$line"
[ "$ERRORS" -eq 0 ] || exit 1
