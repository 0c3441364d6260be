"""A Redis and a PostgreSQL of a test's own, to stop and start under real app servers (``servers.py``).

Each runs on a free port of ``TEST_SERVER_PORTS`` (default 20600-20699), in its own process group or data
directory, and ``stop`` ends it whatever happened: use them as context managers. PostgreSQL refuses to run as
root, so as root (CI) the cluster belongs to the ``postgres`` user and its commands run through ``runuser``.
"""

import contextlib
import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest


def server_port_range() -> range:
    first, last = (int(part) for part in os.environ.get("TEST_SERVER_PORTS", "20600-20699").split("-"))
    return range(first, last + 1)


def hold_free_port(ports: range) -> socket.socket:
    """A socket bound to a port of ``ports`` nothing else holds, tried from a random place in the range so
    runs side by side (CI's two passes, pytest-xdist's workers) rarely pick the same one. While it is open,
    no other process can take the port, and (never listening) it refuses every connection."""
    candidates = list(ports)
    offset = random.randrange(len(candidates))
    for port in candidates[offset:] + candidates[:offset]:
        holder = socket.socket()
        try:
            holder.bind(("127.0.0.1", port))
        except OSError:
            holder.close()
            continue
        return holder
    raise RuntimeError(f"no free port in {ports.start}-{ports.stop - 1}")


def free_port_in_range() -> int:
    """A port of TEST_SERVER_PORTS nothing listens on now; each server checks that the process answering on
    it is its own (``RedisServer.start``, ``PostgresCluster.__enter__``)."""
    with hold_free_port(server_port_range()) as holder:
        return holder.getsockname()[1]


@contextlib.contextmanager
def refusing_port():
    """A port of TEST_SERVER_PORTS where a server is down: held by this process and not listening, so every
    connection is refused and no other run can start a server there while the test lasts."""
    with hold_free_port(server_port_range()) as holder:
        yield holder.getsockname()[1]


def wait_for(condition, *, timeout: float, what: str) -> None:
    """Poll ``condition`` (a cheap look at another process) until it holds; TimeoutError past ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout} s")
        time.sleep(0.05)


class RedisServer:
    """``redis-server`` on 127.0.0.1 without persistence: stopping it loses everything, as a crash can."""

    def __init__(self):
        if shutil.which("redis-server") is None:
            pytest.skip("needs redis-server")
        self.port = free_port_in_range()
        self.process: subprocess.Popen | None = None
        self.started_before = False

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self):
        import redis

        return redis.Redis(port=self.port, socket_connect_timeout=1)

    def answers(self) -> bool:
        """Whether this server (not another one on the same port) answers."""
        import redis

        try:
            return self.client().info("server")["process_id"] == self.process.pid
        except redis.RedisError:  # not listening yet
            return False

    def start(self) -> "RedisServer":
        """Start it, on its port again after ``stop``; the first start moves to another port if this one was
        taken meanwhile."""
        for _ in range(1 if self.started_before else 5):
            self.process = subprocess.Popen(
                [
                    "redis-server",
                    "--port",
                    str(self.port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            wait_for(
                lambda: self.answers() or self.process.poll() is not None, timeout=10, what="redis-server"
            )
            if self.answers():
                self.started_before = True
                return self
            self.port = free_port_in_range()  # taken meanwhile by another run: it exited
        raise RuntimeError(f"redis-server did not start (port {self.port})")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)  # ends a frozen one too
            self.process.wait(timeout=10)

    def freeze(self) -> None:
        """Stopped (SIGSTOP) with its data: connections open but nothing answers, as behind a lost network."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()


class PostgresCluster:
    """A throwaway PostgreSQL cluster (``initdb``, ``pg_ctl``) on 127.0.0.1, trusting local connections."""

    def __init__(self):
        found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
        if not found:
            pytest.skip("needs PostgreSQL's server binaries (/usr/lib/postgresql/*/bin)")
        self.bin = found[-1].parent
        self.port = free_port_in_range()
        self.root = Path(tempfile.mkdtemp(prefix="prepmeet-pg-"))
        self.data = self.root / "data"
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_postgres:
            shutil.chown(self.root, "postgres")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str, timeout: float = 60) -> None:
        subprocess.run(
            [*self.as_postgres, *args], check=True, capture_output=True, timeout=timeout, cwd=self.root
        )

    def _pg_ctl(self, action: str, *options: str) -> None:
        self._run(str(self.bin / "pg_ctl"), action, "-D", str(self.data), "-w", "-t", "30", *options)

    def start(self) -> None:
        server_options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root}"
        self._pg_ctl("start", "-l", str(self.root / "log"), "-o", server_options)

    def stop(self) -> None:
        self._pg_ctl("stop", "-m", "fast")

    def restart(self) -> None:
        self.stop()
        self.start()

    def __enter__(self):
        try:
            self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust")
            for attempt in range(5):
                try:
                    self.start()
                    break
                except subprocess.CalledProcessError:
                    if attempt == 4:
                        raise
                    self.port = free_port_in_range()  # taken meanwhile by another run
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc_info):
        if (self.data / "postmaster.pid").exists():
            try:
                self._pg_ctl("stop", "-m", "immediate")
            except subprocess.SubprocessError:
                pass
        shutil.rmtree(self.root, ignore_errors=True)
