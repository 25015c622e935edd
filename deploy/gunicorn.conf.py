"""gunicorn's settings for production: `gunicorn -c deploy/gunicorn.conf.py healthyback.wsgi:application`
from the project folder (deploy/healthyback-web.service runs exactly that).

Options given on the command line win over these (the tests choose their own port and log file).
"""

import sys
from pathlib import Path

from gunicorn.glogging import Logger

# gunicorn reads this file before it puts the project on the import path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.log import RedactTokens

# nginx (deploy/nginx-healthyback.conf) proxies to this address; only this machine reaches it.
bind = "127.0.0.1:8000"
# One worker per core, its threads for waiting on the network rather than for CPU (bench/README.md).
worker_class = "gthread"
workers = 2
threads = 4
# A new release can start beside the old one on the same port.
reuse_port = True
# systemd starts, reloads (HUP) and stops it; gunicorn's own control socket would only want a
# writable home folder, which the unit does not give.
control_socket_disable = True
# Access and error lines go to standard output and error: the systemd journal.
accesslog = "-"
errorlog = "-"


class RedactingLogger(Logger):
    """The access log prints each request's path and Referer: a confirm, unsubscribe or moderation
    link's token is in them, so every line passes through the same filter as Django's logs."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.access_log, self.error_log):
            if not any(isinstance(f, RedactTokens) for f in log.filters):  # setup runs again on HUP
                log.addFilter(RedactTokens())


logger_class = RedactingLogger
