#!/usr/bin/env bash
# Article page throughput: healthyback's article page against a trivial Django view served by the
# very same gunicorn command (bench.settings adds /bench/trivial/ behind the same middleware), and
# against the WordPress anchor in ../shared/anchors/wordpress/.
#
# Usage:  bash bench/article_throughput.sh          (from any folder; about 1.5 min by default)
#
# Knobs (environment):
#   PORT=8199        where our gunicorn listens, on 127.0.0.1 only
#   RUNS=3           measured rounds; each round is one wrk run on the trivial view, then one on
#                    the article page (medians over the rounds are reported)
#   DURATION=10s     length of each measured run: wrk -t1 -c16 -d$DURATION --timeout 10s --latency
#                    (each page first gets one discarded 3 s warm-up)
#   WORDPRESS=0      1: after our measurement, stop our gunicorn and run the WordPress anchor
#                    (needs root, takes minutes, installs Debian packages when missing) with the
#                    same RUNS and DURATION, and print the ratio measured in this run. 0: print the
#                    anchor's stored figure, labelled as not measured in this run.
#   GUNICORN_ARGS="--worker-class gthread --workers 2 --threads 4 --reuse-port"
#                    the worker options of the gunicorn command, as in production (the script adds
#                    --bind, --pid, --no-control-socket and -c bench/gunicorn_counts.py itself).
#                    --reuse-port: each worker listens on a socket of its own and the kernel spreads
#                    connections over them; without it, one gthread worker often accepts all 16 of
#                    wrk's keep-alive connections and the other core idles.
#   ARTICLE_SLUG=    the article to load; default: the first published demo article
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
# where ratio = article_rps / trivial_rps (three decimals: it is well below 1).
# Exit status 1 if wrk counted errors or non-2xx responses.
#
# Traffic goes to 127.0.0.1 only. Collected static files go to var/static (git-ignored). On exit
# the script stops its gunicorn (SIGTERM to the master pid from its pid file) and removes its
# temporary folder.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PORT="${PORT:-8199}"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-10s}"
WORDPRESS="${WORDPRESS:-0}"
ARTICLE_SLUG="${ARTICLE_SLUG:-}"
COMMENTS="${COMMENTS:-50}"
DATABASE_URL="${DATABASE_URL:-}"
GUNICORN_ARGS="${GUNICORN_ARGS:---worker-class gthread --workers 2 --threads 4 --reuse-port}"

WARMUP=3s
WRK_OPTS=(-t1 -c16 --timeout 10s)
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
[[ "$DURATION" =~ ^[0-9]+[smh]?$ ]] || die "DURATION=$DURATION must look like 10s, 2m or 30"
[[ "$WORDPRESS" =~ ^[01]$ ]] || die "WORDPRESS=$WORDPRESS must be 0 or 1"
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
PID_FILE="$TMP/gunicorn.pid"
COUNTS_DIR="$TMP/counts"   # one file per worker pid: the requests it has served (bench/gunicorn_counts.py)

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
  if [ "$rc" -ne 0 ] && [ -s "$TMP/gunicorn.log" ]; then
    log "last lines of gunicorn's log:"
    tail -n 25 "$TMP/gunicorn.log" >&2
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
(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && die "port $PORT is already in use; choose another with PORT="

log "database: $DB_DESC"
"$PY" manage.py migrate --noinput -v0 ||
  die "migrate failed (with PostgreSQL: does the database exist? createdb -h 127.0.0.1 -U postgres NAME)"
seed_report="$("$PY" manage.py seed_demo --comments-per-article "$COMMENTS" | tail -n 1)"
log "seed_demo: $seed_report"
"$PY" manage.py collectstatic --noinput -v0

# The slug (ARTICLE_SLUG, or the first published article) and its address, from Django itself.
read -r ARTICLE_SLUG ARTICLE_PATH < <(ARTICLE_SLUG="$ARTICLE_SLUG" "$PY" manage.py shell -v0 -c '
import os
from django.urls import reverse
from articles.models import Article
slug = os.environ["ARTICLE_SLUG"]
if not slug:
    first = Article.objects.published().order_by("published_at").first()
    slug = first.slug if first else ""
print(slug, reverse("articles:detail", args=[slug]) if slug else "")
' | tail -n 1) || true
[ -n "${ARTICLE_PATH:-}" ] || die "found no published article to load (set ARTICLE_SLUG=...)"
TRIVIAL_PATH=/bench/trivial/

# --------------------------------------------------------------------------------------------
# One gunicorn, as in production
# --------------------------------------------------------------------------------------------
log "starting gunicorn on 127.0.0.1:$PORT ($GUNICORN_ARGS)"
mkdir -p "$COUNTS_DIR"
BENCH_COUNTS_DIR="$COUNTS_DIR" "$GUNICORN" healthyback.wsgi:application "${GUNICORN_OPTS[@]}" \
  --bind "127.0.0.1:$PORT" --no-control-socket --pid "$PID_FILE" -c "$ROOT/bench/gunicorn_counts.py" \
  >"$TMP/gunicorn.log" 2>&1 &
GUNICORN_PID=$!

http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" || true; }
for ((i = 0; ; i++)); do
  [ "$(http_code "$BASE/healthz")" = 200 ] && break
  alive "$GUNICORN_PID" || die "gunicorn exited before answering"
  [ "$i" -lt 240 ] || die "/healthz did not answer 200 within 60 s"
  sleep 0.25
done

fetch() {   # path file -> prints "status bytes"
  curl -s -o "$2" -w '%{http_code} %{size_download}\n' --max-time 30 "$BASE$1" || true
}
read -r code ARTICLE_BYTES < <(fetch "$ARTICLE_PATH" "$TMP/article.html")
[ "$code" = 200 ] || die "$ARTICLE_PATH answered HTTP $code, not 200"
read -r code TRIVIAL_BYTES < <(fetch "$TRIVIAL_PATH" "$TMP/trivial.txt")
[ "$code" = 200 ] || die "$TRIVIAL_PATH answered HTTP $code, not 200"
[ "$(cat "$TMP/trivial.txt")" = ok ] || die "$TRIVIAL_PATH did not answer 'ok'"
TITLE="$(sed -n 's:.*<title>\(.*\)</title>.*:\1:p' "$TMP/article.html" | head -n 1)"
log "article $ARTICLE_PATH: 200, $ARTICLE_BYTES bytes, title \"$TITLE\"; trivial $TRIVIAL_PATH: 200"

# --------------------------------------------------------------------------------------------
# Measurement: trivial and article alternately, on the same server
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

declare -A URL=([trivial]="$BASE$TRIVIAL_PATH" [article]="$BASE$ARTICLE_PATH")
declare -A RPS P50 P99 ERR CPU
NAMES=(trivial article)
UNBALANCED=0
OTHER_MAX=0
OTHER_BUSY_RUNS=0   # runs in which other processes used more than a tenth of the machine
MEASURED=0

for name in "${NAMES[@]}"; do
  log "warm-up $name ($WARMUP, discarded)"
  wrk "${WRK_OPTS[@]}" -d"$WARMUP" "${URL[$name]}" >"$TMP/wrk-$name-warmup.txt"
done
WORKERS=$(worker_pids | wc -l)   # all booted by now
# A run is unbalanced when one worker served more than 1.5 times its fair share: 75 % of the
# requests with two workers.
UNBALANCED_PCT=$((WORKERS > 1 ? 150 / WORKERS : 101))
for ((i = 1; i <= RUNS; i++)); do
  for name in "${NAMES[@]}"; do
    measure "${URL[$name]}" "$TMP/wrk-$name-run$i.txt"
    RPS[$name]+=" $RUN_RPS"
    P50[$name]+=" $RUN_P50"
    P99[$name]+=" $RUN_P99"
    CPU[$name]+=" $RUN_CPU"
    ERR[$name]=$((${ERR[$name]:-0} + RUN_ERR))
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
    ((RUN_OTHER > OTHER_MAX)) && OTHER_MAX=$RUN_OTHER
    log "round $i/$RUNS $name: $RUN_RPS req/s  p50=${RUN_P50} ms  p99=${RUN_P99} ms  errors=$RUN_ERR  cpu=$RUN_CPU ms/req  workers ${RUN_SHARES}%  other load ${RUN_OTHER}%$flags"
  done
done

declare -A MED_RPS MED_P50 MED_P99 MED_CPU
for name in "${NAMES[@]}"; do
  # shellcheck disable=SC2086  # word splitting of the space-separated lists is intended
  MED_RPS[$name]=$(median ${RPS[$name]})
  # shellcheck disable=SC2086
  MED_P50[$name]=$(median ${P50[$name]})
  # shellcheck disable=SC2086
  MED_P99[$name]=$(median ${P99[$name]})
  # shellcheck disable=SC2086
  MED_CPU[$name]=$(median ${CPU[$name]})
done
ERRORS=$((ERR[trivial] + ERR[article]))
ratio() {   # a b [decimals, default 2] -> a / b
  awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN { if (b > 0) printf ("%." d "f"), a / b; else print "nan" }'
}
RATIO=$(ratio "${MED_RPS[article]}" "${MED_RPS[trivial]}" 3)
COST=$(awk -v a="${MED_RPS[article]}" -v t="${MED_RPS[trivial]}" 'BEGIN { if (a > 0) printf "%.1f", t / a; else print "nan" }')

stop_gunicorn   # measurement done; nothing else should compete for the CPU from here on

echo "== healthyback article throughput: gunicorn $GUNICORN_ARGS ($WORKERS workers), debug off"
echo "   wrk ${WRK_OPTS[*]} -d$DURATION --latency, $WARMUP warm-up each, $RUNS round(s) alternating trivial/article, medians"
echo "   $(nproc) cores, $(uname -r), wrk $(dpkg-query -W -f='${Version}' wrk 2>/dev/null || echo '?'), gunicorn $("$GUNICORN" --version | awk '{print $NF}' | tr -d ')'), database: $DB_DESC, cache: $([ -n "${REDIS_URL:-}" ] && echo redis || echo 'local memory')"
echo "   article: $ARTICLE_PATH ($ARTICLE_BYTES bytes, \"$TITLE\"); trivial: $TRIVIAL_PATH ($TRIVIAL_BYTES bytes)"
for name in "${NAMES[@]}"; do
  printf '%-8s %10s req/s (runs:%s)  p50 %s ms  p99 %s ms  server CPU %s ms/req  errors %s\n' "$name" \
    "${MED_RPS[$name]}" "${RPS[$name]}" "${MED_P50[$name]}" "${MED_P99[$name]}" "${MED_CPU[$name]}" "${ERR[$name]}"
done
echo "article/trivial throughput ratio: $RATIO (one article request costs about $COST trivial ones)"
if ((WORKERS > 1)); then
  echo "unbalanced runs: $UNBALANCED of $MEASURED (one worker served more than $UNBALANCED_PCT % of a run's requests)"
fi
echo "other load: at most $OTHER_MAX % of the machine in a run (processes other than this gunicorn and wrk; $OTHER_BUSY_RUNS run(s) above 10 %)"
if ((UNBALANCED > 0 || OTHER_BUSY_RUNS > 0)); then
  echo "WARNING: some runs were unbalanced or shared the CPU: req/s are low and noisy there; CPU ms/req is less affected"
fi
if [ "$ERRORS" -gt 0 ]; then
  echo "WARNING: wrk counted $ERRORS errors or non-2xx responses: these figures are not valid"
fi

# The WordPress anchor: measured now (WORDPRESS=1), or its stored figure
# --------------------------------------------------------------------------------------------
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
  echo "vs_wordpress ratio=$(ratio "${MED_RPS[article]}" "$wp_rps") (healthyback article_rps / wordpress post_rps, both measured in this run)"
else
  summary="$ANCHOR_REL/results/summary.txt"
  wp_line="$(grep '^wordpress ' "$summary" 2>/dev/null | tail -n 1 || true)"
  wp_rps="$(sed -n 's/.*[[:space:]]post_rps=\([0-9.]*\).*/\1/p' <<<"$wp_line")"
  if [ -n "$wp_rps" ]; then
    wp_when="$(sed -n '1s/^# WordPress anchor, \([^,]*\),.*/\1/p' "$summary")"
    echo "wordpress post_rps=$wp_rps (stored ${wp_when:+on $wp_when }in $summary, not measured in this run; WORDPRESS=1 measures it)"
    echo "vs_wordpress_stored ratio=$(ratio "${MED_RPS[article]}" "$wp_rps") (healthyback article_rps / stored wordpress post_rps; stored, not measured in this run)"
  else
    echo "wordpress: no stored figure found in $summary (WORDPRESS=1 measures it)"
  fi
fi

echo "healthyback article_rps=${MED_RPS[article]} trivial_rps=${MED_RPS[trivial]} ratio=$RATIO article_bytes=$ARTICLE_BYTES article_p50_ms=${MED_P50[article]} article_p99_ms=${MED_P99[article]} trivial_p50_ms=${MED_P50[trivial]} trivial_p99_ms=${MED_P99[trivial]} errors=$ERRORS article_cpu_ms=${MED_CPU[article]} trivial_cpu_ms=${MED_CPU[trivial]} workers=$WORKERS unbalanced_runs=$UNBALANCED other_load_max_pct=$OTHER_MAX"
[ "$ERRORS" -eq 0 ] || exit 1
