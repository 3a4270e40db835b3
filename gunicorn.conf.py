"""Gunicorn's settings for production (``gunicorn -c gunicorn.conf.py config.wsgi``).

Every number comes from the environment, so one image serves a small and a large deployment.
"""

import os

from prometheus_client import multiprocess

from core.logging import log_format, stdout_logging

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# Two processes per core is gunicorn's rule of thumb; the default suits the 2-core machines we run on.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (with jitter), so a slow leak cannot grow forever.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Django is loaded once, before the workers are forked: a replaced worker serves at once, instead of taking
# seconds to import the site while requests wait for it (seen in the load test: 5 s answers at each renewal).
preload_app = True
# Access log to stdout, error log to stderr: the process manager or container runtime keeps them.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# Gunicorn's own lines in the application's format (LOG_FORMAT: JSON in production), with the request id.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    **stdout_logging(log_format(os.environ)),
    # Until Django configures logging in each worker (LOGGING in config/settings.py).
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def child_exit(server, worker):
    """A worker that exits leaves its /metrics counts in PROMETHEUS_MULTIPROC_DIR; its live gauges go."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(worker.pid)
