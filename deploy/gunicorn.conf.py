"""gunicorn settings for craftcity (`gunicorn -c deploy/gunicorn.conf.py craftcity.wsgi`).

Why gunicorn: craftcity is a synchronous Django application (ORM, WeasyPrint, openpyxl), so pre-forked sync
workers serve it without an event loop to keep unblocked; gunicorn is the long-kept standard for that, and
restarts a worker that hangs or leaks. Everything can be overridden from the environment (GUNICORN_CMD_ARGS
or the variables below), so the systemd unit and the CI smoke test share this one file.
"""

import multiprocessing
import os

bind = os.environ.get("CRAFTCITY_BIND", "127.0.0.1:8000")
# Two per core plus one: CPU-bound page rendering fills the cores, the spare one covers I/O waits.
workers = int(os.environ.get("CRAFTCITY_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
worker_class = "sync"
# Long enough for a 50 MB import's upload to stream in; long jobs (dossier, imports) run in the job worker.
timeout = int(os.environ.get("CRAFTCITY_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200
# The reverse proxy on the same machine is the only client trusted to say who the visitor is.
forwarded_allow_ips = os.environ.get("CRAFTCITY_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Django writes a JSON line per request with its request id (craftcity.core.requestlog); gunicorn's own access
# log only when asked for.
accesslog = os.environ.get("CRAFTCITY_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("CRAFTCITY_LOG_LEVEL", "info")
# Load the application once in the master: workers fork with Django set up, and a broken deploy fails at start.
preload_app = True
