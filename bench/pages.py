"""Pages benchmark: requests/s and p50/p99 latency under gunicorn (``DEBUG=False``) on 127.0.0.1, each page
beside a bare Django view returning a constant string (the framework's floor on this machine).

Load: ``wrk`` (Debian package) with 8 connections, one per wrk thread, in bounded runs; each request carries
a real session cookie. The autosave endpoint is driven by a Lua script that posts form data (a ~400-word
answer and its version) with the CSRF cookie and ``X-CSRFToken`` header; each connection saves its own
meeting prep and reads the new version from the JSON reply, so every save is a real 200 write, no conflict.
Without wrk (not installable here) a Python client with 8 threads and keep-alive connections stands in.

Database: PostgreSQL when one answers at 127.0.0.1:5432 (a throw-away database, dropped afterwards), else
SQLite; cache and sessions in Redis when it answers at 127.0.0.1:6379 (a key prefix of this run's own).

``python -m bench.pages [--seconds 5] [--rounds 3] [--servers sync "gthread (the recipe)"]``
"""

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from contextlib import ExitStack
from pathlib import Path

from bench.common import REPO, answers, create_prep, print_table, write_results
from testsupport import servers
from testsupport.servers import AppServer, manage, production_env

CLIENTS = 8
PEOPLE = 30
FILL_CROWDED = f"fill page, {PEOPLE} people and comments"
AUTOSAVE = "autosave (POST, 200 saved)"
# Issue 12 points 1 and 2: gunicorn CPU per request at most this many times the bare view's; autosave p99.
CPU_TARGETS = {FILL_CROWDED: 8.0, AUTOSAVE: 5.0}
AUTOSAVE_P99_TARGET_MS = 50
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
# BENCH_PORTS=FIRST-LAST: the app servers listen only on a port in that range (a machine shared with others);
# without it, on any free port.
PORTS = os.environ.get("BENCH_PORTS", "")


def free_port_in_range() -> int:
    first, last = (int(port) for port in PORTS.split("-"))
    for port in range(first, last + 1):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in BENCH_PORTS={PORTS}")


if PORTS:
    servers.free_port = free_port_in_range

LUA = r"""
-- One wrk thread per connection; setup() numbers the threads, init() gives each its own client.
local clients = %(clients)s
local method = "%(method)s"
local counter = 0
local threads = {}
function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end
function init(args)
  client = clients[(index - 1) %% #clients + 1]
  version = client.version
  statuses = {}
  wrk.headers["Cookie"] = client.cookie
  if method == "POST" then
    wrk.headers["X-CSRFToken"] = client.csrf
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  end
end
function request()
  if method == "POST" then
    return wrk.format("POST", client.path, nil, client.body .. "&version=" .. version)
  end
  return wrk.format("GET", client.path)
end
if method == "POST" then
  function response(status, headers, body)
    statuses[tostring(status)] = (statuses[tostring(status)] or 0) + 1
    local saved = body:match('"version": (%%d+)') or body:match('"current_version": (%%d+)')
    if saved then version = tonumber(saved) end
  end
end
function done(summary, latency, requests)
  local e = summary.errors
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses") or {}) do counts[status] = (counts[status] or 0) + n end
  end
  local listed = {}
  for status, n in pairs(counts) do table.insert(listed, string.format('"%%s": %%d', status, n)) end
  io.write('BENCH_STATUSES {' .. table.concat(listed, ", ") .. '}\n')
  io.write(string.format(
    'BENCH_JSON {"requests": %%d, "duration_us": %%d, "non_2xx_3xx": %%d, "socket_errors": %%d, ' ..
    '"p50_us": %%d, "p90_us": %%d, "p99_us": %%d, "max_us": %%d}\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
"""


def lua_string(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid Lua string literal for this text


def lua_clients(clients: list[dict]) -> str:
    rows = []
    for client in clients:
        fields = ", ".join(
            f"{key} = {lua_string(str(value))}" for key, value in client.items() if key != "version"
        )
        rows.append(f"{{ {fields}, version = {client.get('version', 0)} }}")
    return "{\n  " + ",\n  ".join(rows) + "\n}"


# --- Load generators ---------------------------------------------------------------------------------------


def run_wrk(base_url: str, clients: list[dict], method: str, seconds: float, scratch: Path) -> dict:
    script = scratch / f"{method.lower()}-{secrets.token_hex(3)}.lua"
    script.write_text(LUA % {"clients": lua_clients(clients), "method": method})
    output = subprocess.run(
        [
            "wrk",
            f"-t{CLIENTS}",
            f"-c{CLIENTS}",
            f"-d{seconds:g}s",
            "--timeout=10s",
            "-s",
            str(script),
            base_url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
    raw = json.loads(line.removeprefix("BENCH_JSON "))
    statuses = next(line for line in output.splitlines() if line.startswith("BENCH_STATUSES "))
    return {
        "requests_per_second": raw["requests"] / (raw["duration_us"] / 1e6),
        "p50_ms": raw["p50_us"] / 1000,
        "p90_ms": raw["p90_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "max_ms": raw["max_us"] / 1000,
        "requests": raw["requests"],
        "errors": raw["non_2xx_3xx"] + raw["socket_errors"],
        "statuses": json.loads(statuses.removeprefix("BENCH_STATUSES ")),  # POST runs only
    }


def run_python(base_url: str, clients: list[dict], method: str, seconds: float, scratch: Path) -> dict:
    """The same load as ``run_wrk`` from Python threads (slower: the client shares the CPU with Python)."""
    host, port = urllib.parse.urlsplit(base_url).netloc.split(":")
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(client):
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        version, mine = client.get("version", 0), []
        headers = {"Cookie": client["cookie"]}
        if method == "POST":
            headers |= {"X-CSRFToken": client["csrf"], "Content-Type": "application/x-www-form-urlencoded"}
        while time.monotonic() < deadline:
            body = f"{client['body']}&version={version}" if method == "POST" else None
            start = time.perf_counter()
            connection.request(method, client["path"], body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            mine.append(time.perf_counter() - start)
            if response.status >= 400:
                with lock:
                    errors[0] += 1
            if method == "POST" and (found := re.search(rb'"(?:current_)?version": (\d+)', content)):
                version = int(found.group(1))
        connection.close()
        with lock:
            latencies.extend(mine)

    started = time.monotonic()
    threads = [
        threading.Thread(target=worker, args=(clients[n % len(clients)],), daemon=True)
        for n in range(CLIENTS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 30)
    elapsed = time.monotonic() - started
    latencies.sort()

    def percentile(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] * 1000

    return {
        "statuses": {},
        "requests_per_second": len(latencies) / elapsed,
        "p50_ms": percentile(50),
        "p90_ms": percentile(90),
        "p99_ms": percentile(99),
        "max_ms": latencies[-1] * 1000,
        "requests": len(latencies),
        "errors": errors[0],
    }


# --- Database, cache, data ---------------------------------------------------------------------------------


def postgres_database(stack: ExitStack) -> str | None:
    """A throw-away PostgreSQL database's URL (dropped when ``stack`` closes), or None without a server."""
    import psycopg2

    try:
        admin = psycopg2.connect(POSTGRES, connect_timeout=3)
    except psycopg2.OperationalError:
        return None
    admin.autocommit = True
    name = f"prepmeet_bench_{os.getpid()}"
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    stack.callback(drop)
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(POSTGRES)._replace(path=f"/{name}"))


def redis_url() -> str:
    import redis

    client = redis.Redis.from_url(REDIS, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError:
        return ""
    return REDIS


def delete_redis_keys(prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(REDIS, socket_connect_timeout=2)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def create_clients(env: dict) -> tuple[list[dict], list[dict]]:
    """8 users, each with 6 meeting preps (one fully answered) and a session; their cookies and requests."""
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.middleware.csrf import _get_new_csrf_string
    from django.test import Client

    from preps.services import prep_duplicate
    from testsupport.factories import user_create

    texts = answers(400)
    pages, saves = [], []
    for n in range(CLIENTS):
        prep = create_prep(texts, username=f"bench{n}", title=f"Work group {n}")
        for _ in range(5):  # a dashboard with a few meetings
            prep_duplicate(prep=prep)
        crowded = prep_duplicate(prep=prep)  # the fill page of issue 12 point 1: 30 people and comments
        crowd_in(crowded, colleague=user_create(f"bench{n}-colleague"))
        client = Client()
        client.force_login(prep.owner)  # writes the session where the servers read it (database, Redis)
        csrf = _get_new_csrf_string()
        cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        cookie += f"; {settings.CSRF_COOKIE_NAME}={csrf}"
        question = prep.worksheet.questions.order_by("position").first()
        answer = prep.answers.get(question=question)
        pages.append({"cookie": cookie, "prep": prep.pk, "crowded": crowded.pk})
        saves.append(
            {
                "path": f"/preps/{prep.pk}/answers/{question.key}/",
                "cookie": cookie,
                "csrf": csrf,
                "body": urllib.parse.urlencode({"text": answer.text}),
                "version": answer.version,
            }
        )
    return pages, saves


def crowd_in(prep, *, colleague) -> None:
    """30 people on the prep's roster, a colleague (commenter) with a comment on each question and on five
    of the people: the fill page ``bench/fill.py`` measures in process."""
    from sharing.services import comment_add
    from testsupport.factories import roster_fill, share_create

    people = roster_fill(prep, PEOPLE)
    share_create(prep=prep, user=colleague, role="commenter")
    for question in prep.worksheet.questions.all():
        comment_add(
            prep=prep, author=colleague, text=f"A thought on {question.key}.", question_key=question.key
        )
    for person in people[:5]:
        comment_add(prep=prep, author=colleague, text=f"Ask {person.name} first.", stakeholder_id=person.pk)


def warm_pdf(base_url: str, page: dict) -> None:
    """Render a prep's PDF once (the server caches it), so the runs measure the cached download."""
    request = urllib.request.Request(
        f"{base_url}/preps/{page['prep']}/pdf/", headers={"Cookie": page["cookie"]}
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        assert response.headers["Content-Type"] == "application/pdf"


# --- The report --------------------------------------------------------------------------------------------


# The servers compared (issue 12.2: "compare sync and gthread workers and choose by figures"): plain sync
# workers, and the production recipe (prepmeet/gunicorn_conf.py: gthread, 16 threads a worker).
SERVERS = {
    "sync": {"workers": 2 * (os.cpu_count() or 1) + 1, "args": ("--worker-class=sync",)},
    "gthread (the recipe)": {
        "workers": 3,
        "args": ("--config=python:prepmeet.gunicorn_conf", "--threads=16"),
    },
    # The recipe's worker count with sync workers: one queue for all (sync workers accept only when free).
    "sync, 3 workers": {"workers": 3, "args": ("--worker-class=sync",)},
    "gthread, 5 x 4 threads": {
        "workers": 5,
        "args": ("--config=python:prepmeet.gunicorn_conf", "--threads=4"),
    },
}
BARE = "bare view (constant string)"
PAGES = ("fill page", FILL_CROWDED, "dashboard", AUTOSAVE, "PDF download, cached")  # --only's choices


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--servers", nargs="+", choices=SERVERS, default=list(SERVERS))
    parser.add_argument(
        "--only",
        nargs="+",
        choices=PAGES,
        metavar="PAGE",
        help=f"measure only these (and the bare view): {PAGES}",
    )
    args = parser.parse_args()
    load = run_wrk if shutil.which("wrk") else run_python
    if load is run_python:
        print("wrk is not installed (apt-get install wrk): using the Python load generator instead.")

    with ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="prepmeet-pages-")))
        database_url = postgres_database(stack) or f"sqlite:///{scratch / 'bench.sqlite3'}"
        cache_url = redis_url()
        env = production_env(
            database_url=database_url,
            static_root=scratch / "static",
            redis_url=cache_url,
            settings_module="bench.settings",
        )
        env["CONN_MAX_AGE"] = "600"  # persistent database connections, as a production server would keep
        if cache_url:
            stack.callback(delete_redis_keys, env["CACHE_KEY_PREFIX"])
        manage(env, "migrate", "--no-input")
        manage(env, "collectstatic", "--no-input")
        manage(env, "load_content")
        pages, saves = create_clients(env)
        runs = {
            server_name: measure_server(server_name, env, pages, saves, load, args, scratch)
            for server_name in args.servers
        }

    config = {
        "load_generator": "wrk (Lua script)" if load is run_wrk else "Python threads",
        "connections": CLIENTS,
        "seconds_per_run": args.seconds,
        "rounds": args.rounds,
        "servers": {name: SERVERS[name] for name in args.servers},
        "database": "PostgreSQL" if database_url.startswith("postgres") else "SQLite",
        "cache_and_sessions": "Redis (cached_db sessions)"
        if cache_url
        else "LocMem cache, database sessions",
    }
    results = {server_name: summarise(measured) for server_name, measured in runs.items()}
    for server_name, summary in results.items():
        server = SERVERS[server_name]
        print_table(
            f"Pages under gunicorn, {server_name}: {server['workers']} workers, DEBUG=False, "
            f"{config['database']}, {config['cache_and_sessions']}; {config['load_generator']}, "
            f"{CLIENTS} connections, {args.rounds} × {args.seconds:g} s, medians",
            [
                "page",
                "requests/s",
                "vs bare",
                "p50",
                "p99",
                "server CPU/request",
                "CPU vs bare",
                "target",
                "errors",
            ],
            [
                [
                    name,
                    f"{r['requests_per_second']:.0f}",
                    f"{r['vs_bare']:.0%}",
                    f"{r['p50_ms']:.1f} ms",
                    f"{r['p99_ms']:.1f} ms",
                    f"{r['server_cpu_ms_per_request']:.2f} ms",
                    f"{r['cpu_vs_bare']:.1f}x",
                    target_text(name, r),
                    r["errors"],
                ]
                for name, r in summary.items()
            ],
        )
    if len(results) > 1:
        print_table(
            "Autosave and the crowded fill page by worker class (each against its own server's bare view)",
            ["server", "autosave p50", "autosave p99", "autosave CPU vs bare", "fill page CPU vs bare"],
            [
                [
                    server_name,
                    f"{summary[AUTOSAVE]['p50_ms']:.1f} ms",
                    f"{summary[AUTOSAVE]['p99_ms']:.1f} ms",
                    f"{summary[AUTOSAVE]['cpu_vs_bare']:.1f}x",
                    f"{summary[FILL_CROWDED]['cpu_vs_bare']:.1f}x" if FILL_CROWDED in summary else "",
                ]
                for server_name, summary in results.items()
            ],
        )
    print("(in process, with the SQL queries: python -m bench.fill)")
    path = write_results("pages", {"config": config, "servers": results})
    print(f"\nResults: {path.relative_to(REPO)}")


def measure_server(server_name, env, pages, saves, load, args, scratch) -> dict[str, list[dict]]:
    """Every page's runs under one gunicorn configuration, started for them and stopped after."""
    server_config = SERVERS[server_name]
    log = scratch / f"gunicorn-{server_name.split()[0]}.log"
    with AppServer(
        env, workers=server_config["workers"], log=log, extra_args=("--backlog=256", *server_config["args"])
    ) as server:
        server.wait_until_ready("/bench/bare/")

        def get(path_of):
            return [{"cookie": page["cookie"], "path": path_of(page)} for page in pages]

        targets = {
            BARE: ("GET", get(lambda page: "/bench/bare/")),
            "fill page": ("GET", get(lambda page: f"/preps/{page['prep']}/")),
            FILL_CROWDED: ("GET", get(lambda page: f"/preps/{page['crowded']}/")),
            "dashboard": ("GET", get(lambda page: "/preps/")),
            AUTOSAVE: ("POST", saves),
            "PDF download, cached": ("GET", get(lambda page: f"/preps/{page['prep']}/pdf/")),
        }
        assert set(targets) == {BARE, *PAGES}, "PAGES names every page measured"
        for page in pages:
            warm_pdf(server.base_url, page)
        load(server.base_url, targets["fill page"][1], "GET", 1, scratch)  # warm-up

        if args.only:
            targets = {name: target for name, target in targets.items() if name == BARE or name in args.only}
        runs = {name: [] for name in targets}
        for _ in range(args.rounds):
            for name, (method, clients) in targets.items():
                cpu_before = server_cpu_seconds(server)
                run = load(server.base_url, clients, method, args.seconds, scratch)
                run["server_cpu_ms_per_request"] = (
                    (server_cpu_seconds(server) - cpu_before) * 1000 / run["requests"]
                )
                runs[name].append(run)
                if method == "POST":  # carry the versions forward for the next round's saves
                    refresh_versions(clients)
        if any(run["errors"] for measured in runs.values() for run in measured):
            print(f"Some requests failed under {server_name}; the end of gunicorn's log:")
            print("\n".join(log.read_text(errors="replace").splitlines()[-40:]))
    return runs


def summarise(runs: dict[str, list[dict]]) -> dict[str, dict]:
    """Medians of each page's runs, and its ratios to the bare view's run of the same round."""
    bare = runs[BARE]
    results = {}
    for name, measured in runs.items():
        ratios = [
            run["requests_per_second"] / floor["requests_per_second"]
            for run, floor in zip(measured, bare, strict=True)
        ]
        cpu_ratios = [
            run["server_cpu_ms_per_request"] / floor["server_cpu_ms_per_request"]
            for run, floor in zip(measured, bare, strict=True)
        ]
        results[name] = {
            "cpu_vs_bare": statistics.median(cpu_ratios),
            "requests_per_second": statistics.median(run["requests_per_second"] for run in measured),
            "vs_bare": statistics.median(ratios),
            "p50_ms": statistics.median(run["p50_ms"] for run in measured),
            "p99_ms": statistics.median(run["p99_ms"] for run in measured),
            "server_cpu_ms_per_request": statistics.median(
                run["server_cpu_ms_per_request"] for run in measured
            ),
            "errors": sum(run["errors"] for run in measured),
            "runs": measured,
        }
    return results


def target_text(name: str, result: dict) -> str:
    if name not in CPU_TARGETS:
        return ""
    verdict = "meets" if result["cpu_vs_bare"] <= CPU_TARGETS[name] else "MISSES"
    text = f"CPU <= {CPU_TARGETS[name]:g}x: {verdict}"
    if name == AUTOSAVE:
        met = "meets" if result["p99_ms"] < AUTOSAVE_P99_TARGET_MS else "MISSES"
        text += f"; p99 < {AUTOSAVE_P99_TARGET_MS} ms: {met}"
    return text


def server_cpu_seconds(server: AppServer) -> float:
    """CPU time (user + system) of gunicorn's master and workers so far: a per-request cost that machine
    load does not inflate the way it inflates latency. The database's and Redis's CPU are not in it."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a process that just ended
        pid = int(stat.parent.name)
        if pid == server.process.pid or int(fields[1]) == server.process.pid:  # fields[1]: the parent's pid
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def refresh_versions(saves: list[dict]) -> None:
    """The answers' versions now, for the next run's first saves (else they would be 409 conflicts)."""
    from preps.models import Answer

    time.sleep(1)  # wrk stops without waiting for its last requests: let the server finish those saves

    for save in saves:
        prep, key = re.fullmatch(r"/preps/(\d+)/answers/([^/]+)/", save["path"]).groups()
        save["version"] = Answer.objects.get(prep_id=int(prep), question__key=key).version


if __name__ == "__main__":
    sys.exit(main())
