"""gunicorn hooks for bench/article_throughput.sh: every worker keeps its request count in a file.

Passed as `gunicorn -c bench/gunicorn_counts.py`, with BENCH_COUNTS_DIR naming a folder. Each worker
writes the number of requests it has served (gunicorn's own `worker.nr`) to `<folder>/<pid>` after
every request, so the script can tell how the load was shared between workers and how many requests
each had served when its memory is read. An access log would tell the same, but formatting a log
line costs about a tenth of the trivial view's CPU time; one pwrite() costs a few microseconds.
"""

import os


def post_fork(server, worker):
    path = os.path.join(os.environ["BENCH_COUNTS_DIR"], str(worker.pid))
    worker.bench_counts_fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)


def post_request(worker, req, environ, resp):
    # Fixed width, always at offset 0: the file never needs truncating and a reader sees one number.
    os.pwrite(worker.bench_counts_fd, b"%-12d\n" % worker.nr, 0)
