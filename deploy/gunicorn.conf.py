"""gunicorn settings for the tracker's web service (deploy/serve_prod.py passes this file).

Every worker is a separate process with its own database pool; sessions, sign-in throttling,
the read model and alerts live in the database, so any worker can answer any request."""
import os

bind = os.environ.get("TRACKER_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("TRACKER_WEB_WORKERS", "4"))
# Threads let one worker serve several kept-alive connections while a slow one waits.
worker_class = "gthread"
threads = int(os.environ.get("TRACKER_WEB_THREADS", "4"))
timeout = 60  # a request taking longer is a bug; its worker is replaced
graceful_timeout = 20
keepalive = 30  # longer than a user's pause between requests: fewer races with a reused connection
max_requests = 5000  # recycle workers now and then, with jitter so they do not all restart at once
max_requests_jitter = 500
accesslog = os.environ.get("TRACKER_ACCESS_LOG", "-")
# The worker's pid and the client's X-Request-Id: which process answered what, when tracing a request.
access_log_format = '%(h)s pid=%(p)s "%(r)s" %(s)s %(b)s %(M)sms id=%({x-request-id}i)s'
errorlog = "-"
# gunicorn's control socket defaults to one path per user ($HOME/.gunicorn/gunicorn.ctl), which
# two deployments on one machine would fight over; nothing here uses it.
control_socket_disable = True


def on_starting(_server) -> None:  # type: ignore[no-untyped-def]
    """In the master, before any worker: create the signing key file if there is none, so the
    workers all read the same key instead of racing to create it."""
    from dashboards.settings import secret_key
    secret_key()
