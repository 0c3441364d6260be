"""gunicorn's settings for the production recipe: ``gunicorn -c python:prepmeet.gunicorn_conf prepmeet.wsgi``.

Chosen by measurement (tests/security/test_slow_clients.py, docs/security.md): with three sync workers,
three connections that trickle their headers held every worker and other users waited until gunicorn's
timeout; with gthread workers a slow socket holds one thread, not a whole worker, and the others keep
serving. A flood of more slow sockets than threads still needs a buffering proxy in front (nginx).
Every value can be overridden on the command line or with GUNICORN_CMD_ARGS.
"""

import multiprocessing
import os

worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 16))
# A request (a PDF render has its own limit, PDF_RENDER_WALL_SECONDS = 30) must end within this.
timeout = 45
graceful_timeout = 20
keepalive = 5
# Requests no page of ours sends: a 4 KiB request line, 50 headers of at most 8 KiB.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
