"""Gunicorn settings for production: `gunicorn -c gunicorn.conf.py wsgi:app`.

Threaded workers (gthread): a sign-in spends most of its time in scrypt, which releases the
GIL, so it holds one thread, not a whole worker, and the machine hashes on at most half its
cores at once (services/password_hashes.py); 50 sign-ins at once leave the other threads
serving (bench/load.py --sign-in-burst measures it). Long work never runs in a request: it is
queued (caseflow/jobs), so the timeout can stay short. Every value can be set from the
environment of the machine.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = "gthread"
# Gunicorn's own advice, two processes per core and one more, each with 16 threads: the
# database and scrypt release the GIL, but a thread back from the database waits for the GIL
# while another of its process runs Python, so fewer threads per process answer a little
# sooner (bench/load.py, 50 users, 2 cores: p95 120 ms and p99 240 ms with 5 processes of 16
# threads; 140 and 290 ms with 2 of 32). Sign-ins hash in the machine's slots
# (services/password_hashes.py, OWASP's scrypt at 128 MiB; CASEFLOW_HASH_SLOTS, half the
# cores by default); the others wait for a slot on a thread holding no database connection,
# and 80 threads leave enough free while 50 sign-ins wait.
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "16"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle a worker now and then, so a slow leak never becomes an outage.
max_requests = 5000
max_requests_jitter = 500
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")  # stdout unless told otherwise
# The access log keeps the path (%(U)s), never the query string: searches carry children's
# names. The default format's %(r)s is the whole request line, query included.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(f)s" "%(a)s"'
errorlog = "-"


def post_worker_init(worker):
    from caseflow.ops.heap import freeze_loaded_app

    freeze_loaded_app()
