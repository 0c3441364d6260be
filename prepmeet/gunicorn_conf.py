"""gunicorn's settings for the production recipe: ``gunicorn -c python:prepmeet.gunicorn_conf prepmeet.wsgi``.

The recipe runs behind nginx (``deploy/nginx/prepmeet.conf``), which reads each request whole before it
hands it on and takes each response whole before a slow reader gets it: a worker only ever talks to nginx,
on the loopback or a private network, so sync workers (one request at a time, nothing shared) are never
held by a slow client, and they answer autosave with the lowest tail latency (docs/performance.md,
``bench/proxy.py``). tests/deploy/test_nginx.py holds 50 trickling connections against them.

Without a buffering proxy in front, set ``GUNICORN_WORKER_CLASS=gthread``: a slow socket then holds one
thread, not a whole worker (tests/security/test_slow_clients.py), at some cost in p99.
Every value can be overridden on the command line or with GUNICORN_CMD_ARGS.
"""

import multiprocessing
import os

worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
if worker_class not in ("sync", "gthread"):
    raise ValueError(f"GUNICORN_WORKER_CLASS must be sync or gthread, not {worker_class!r}")
# Sync workers behind nginx: cores + 1 (a worker waiting on the database leaves its core to another); more
# only queue on the same cores and lengthen autosave's tail (bench/proxy.py: p99 41-53 ms with 3 on 2 cores,
# 58-62 ms with 5). gthread workers without a proxy keep the usual 2 x cores + 1.
cores = multiprocessing.cpu_count()
workers = int(os.environ.get("GUNICORN_WORKERS", cores + 1 if worker_class == "sync" else 2 * cores + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 16 if worker_class == "gthread" else 1))
# A request (a PDF render has its own limit, PDF_RENDER_WALL_SECONDS = 30) must end within this; nginx waits
# 60 s (proxy_read_timeout) so gunicorn's own limit is the one that acts.
timeout = 45
graceful_timeout = 20
keepalive = 5  # gthread only: a sync worker closes each connection after its response
# Requests no page of ours sends: a 4 KiB request line, 50 headers of at most 8 KiB.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
