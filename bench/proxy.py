"""Autosave behind nginx: p50/p99 at 8 clients with wrk, through the nginx recipe (deploy/nginx/prepmeet.conf,
run by ``testsupport/nginx.py`` over TLS) in front of sync workers, against the gthread recipe facing the
clients directly (``GUNICORN_WORKER_CLASS=gthread``, what runs without a proxy), in the same run.

The variants tried: sync workers, cores + 1 (the recipe's default) and 2 × cores + 1; nginx's response
buffering off; gthread behind nginx with and without the upstream keepalive (sync workers close every
connection, so keepalive only matters to gthread). The saves are those of ``bench/pages.py``: 8 users, each
saving a ~400-word answer of their own meeting prep, every save a real 200 write.

``python -m bench.proxy [--seconds 5] [--rounds 3] [--servers NAME ...]``; ``BENCH_PORTS=FIRST-LAST`` keeps
gunicorn and nginx in a port range (as ``bench/pages.py``).
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

from bench import pages
from bench.common import REPO, print_table, write_results
from testsupport import servers
from testsupport.nginx import Nginx, free_port_besides, nginx_binary, two_free_ports
from testsupport.servers import AppServer, manage, production_env

if pages.PORTS:
    os.environ["TEST_SERVER_PORTS"] = pages.PORTS  # testsupport.nginx picks its ports there
CORES = os.cpu_count() or 1
TARGET_MS = pages.AUTOSAVE_P99_TARGET_MS
BASELINE = "gthread recipe, no proxy"
RECOMMENDED = f"nginx + sync, {CORES + 1} workers (the recipe)"
# name: gunicorn workers, gunicorn's worker class, behind nginx, edits of the nginx recipe
SERVERS = {
    BASELINE: (2 * CORES + 1, "gthread", False, {}),
    RECOMMENDED: (CORES + 1, "sync", True, {}),
    f"nginx + sync, {2 * CORES + 1} workers": (2 * CORES + 1, "sync", True, {}),
    f"nginx + sync, {CORES + 1} workers, proxy_buffering off": (
        CORES + 1,
        "sync",
        True,
        {"proxy_buffering on;": "proxy_buffering off;"},
    ),
    f"nginx + gthread, {2 * CORES + 1} workers, upstream keepalive": (2 * CORES + 1, "gthread", True, {}),
    f"nginx + gthread, {2 * CORES + 1} workers, no keepalive": (
        2 * CORES + 1,
        "gthread",
        True,
        {"    keepalive 16;\n": ""},
    ),
}


def with_origin(origin: str) -> str:
    """bench/pages.py's wrk script, its requests also carrying the browser's Origin (Django's CSRF check
    wants it, or a Referer, on an HTTPS request)."""
    anchor = '  wrk.headers["Cookie"] = client.cookie\n'
    assert anchor in pages.LUA
    return pages.LUA.replace(anchor, f'{anchor}  wrk.headers["Origin"] = "{origin}"\n')


def measure(name: str, env: dict, saves: list[dict], seconds: float, scratch: Path, ports: tuple) -> dict:
    """One wrk run of the saves against the servers of `name`, started (and warmed) for it, stopped after."""
    workers, worker_class, proxied, edits = SERVERS[name]
    server_env = {**env, "GUNICORN_WORKER_CLASS": worker_class}
    with ExitStack() as stack:
        server = stack.enter_context(
            AppServer(
                server_env,
                workers=workers,
                log=scratch / "gunicorn.log",
                extra_args=("--config=python:prepmeet.gunicorn_conf", "--backlog=256"),
            )
        )
        server.wait_until_ready("/healthz")
        url = server.base_url
        if proxied:
            folder = scratch / f"nginx-{len(list(scratch.glob('nginx-*')))}"
            nginx = Nginx(
                folder,
                upstreams=[f"127.0.0.1:{server.port}"],
                static_root=scratch / "static",
                ports=ports,
                edits=edits,
                worker_processes="auto",  # as Debian's nginx.conf: one per core
            )
            url = stack.enter_context(nginx).https_url
        pages.run_wrk(url, saves, "POST", 1, scratch)  # warm-up: every worker has its connections
        pages.refresh_versions(saves)
        run = pages.run_wrk(url, saves, "POST", seconds, scratch)
        pages.refresh_versions(saves)
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--servers", nargs="+", choices=SERVERS, default=list(SERVERS))
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("bench.proxy needs wrk (apt-get install wrk): nothing measured.")
        return
    nginx_binary()
    chosen = [BASELINE, *(name for name in args.servers if name != BASELINE)]

    with ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="prepmeet-proxy-")))
        database_url = pages.postgres_database(stack) or f"sqlite:///{scratch / 'bench.sqlite3'}"
        cache_url = pages.redis_url()
        env = production_env(database_url=database_url, static_root=scratch / "static", redis_url=cache_url)
        env.update(CONN_MAX_AGE="600", BEHIND_TLS_PROXY="true")
        ports = two_free_ports()  # nginx's, the same for every variant: gunicorn's must never be one of them
        servers.free_port = lambda: free_port_besides(ports)
        origin = f"https://127.0.0.1:{ports[1]}"
        env["CSRF_TRUSTED_ORIGINS"] = origin
        pages.LUA = with_origin(origin)
        if cache_url:
            stack.callback(pages.delete_redis_keys, env["CACHE_KEY_PREFIX"])
        manage(env, "migrate", "--no-input")
        manage(env, "load_content")
        _, saves = pages.create_clients(env)
        # Round by round, each variant in turn: a machine whose load drifts during the run weighs on every
        # variant alike, not on the last ones measured.
        runs: dict[str, list[dict]] = {name: [] for name in chosen}
        for _ in range(args.rounds):
            for name in chosen:
                runs[name].append(measure(name, env, saves, args.seconds, scratch, ports))

    results = {
        name: {
            "p50_ms": statistics.median(run["p50_ms"] for run in measured),
            "p99_ms": statistics.median(run["p99_ms"] for run in measured),
            "requests_per_second": statistics.median(run["requests_per_second"] for run in measured),
            "errors": sum(run["errors"] for run in measured),
            "runs": measured,
        }
        for name, measured in runs.items()
    }
    baseline = results[BASELINE]["p99_ms"]
    config = {
        "load_generator": "wrk (Lua script), HTTPS to nginx, HTTP to gunicorn without it",
        "connections": pages.CLIENTS,
        "seconds_per_run": args.seconds,
        "rounds": args.rounds,
        "database": "PostgreSQL" if database_url.startswith("postgres") else "SQLite",
        "cache_and_sessions": "Redis (cached_db sessions)" if cache_url else "LocMem cache, DB sessions",
    }
    print_table(
        f"Autosave (POST, 200 saved) behind nginx and without it: {pages.CLIENTS} clients, "
        f"{config['database']}, {config['cache_and_sessions']}; {args.rounds} × {args.seconds:g} s, medians",
        ["server", "requests/s", "p50", "p99", "p99 vs gthread, no proxy", f"p99 < {TARGET_MS} ms", "errors"],
        [
            [
                name,
                f"{r['requests_per_second']:.0f}",
                f"{r['p50_ms']:.1f} ms",
                f"{r['p99_ms']:.1f} ms",
                f"{r['p99_ms'] / baseline:.2f}x",
                "meets" if r["p99_ms"] < TARGET_MS else "MISSES",
                r["errors"],
            ]
            for name, r in results.items()
        ],
    )
    path = write_results("proxy", {"config": config, "servers": results})
    print(f"\nResults: {path.relative_to(REPO)}")


if __name__ == "__main__":
    sys.exit(main())
