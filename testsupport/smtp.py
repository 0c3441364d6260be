"""A real SMTP server for the mail tests: aiosmtpd in a process of its own on 127.0.0.1, which either keeps
what it receives in a Maildir or refuses every recipient. Every wait here is bounded, and ``stop`` ends the
process group it started."""

import mailbox
import os
import signal
import socket
import subprocess
import sys
import time
from email.message import Message
from pathlib import Path

from .outages import hold_free_port
from .servers import REPO


class Refusing:
    """An aiosmtpd handler that answers every recipient with a permanent refusal."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd names it
        return "550 5.7.1 Refused by this test server"


# Ports held for a test until its SMTPServer starts on them: a socket bound there but not listening refuses
# connections as a mail server that is down would, and no other test process (CI's other pass, another xdist
# worker) can bind the port meanwhile and receive this test's mail.
_reserved: dict[int, socket.socket] = {}


def reserve_port_in(ports: range) -> int:
    """A port of ``ports`` (a range set aside for these tests on a shared machine), held for this process
    until ``release_port`` or a server started on it."""
    holder = hold_free_port(ports)
    port = holder.getsockname()[1]
    _reserved[port] = holder
    return port


def release_port(port: int) -> None:
    holder = _reserved.pop(port, None)
    if holder is not None:
        holder.close()


class SMTPServer:
    """``python -m aiosmtpd`` on ``port``: ``refuse`` answers 550 to every recipient, otherwise each mail is
    kept in ``maildir``."""

    def __init__(self, port: int, maildir: Path, *, refuse: bool = False):
        self.port, self.maildir, self.refuse = port, maildir, refuse
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 20) -> "SMTPServer":
        handler = ["-c", "testsupport.smtp.Refusing"] if self.refuse else ["-c", "aiosmtpd.handlers.Mailbox"]
        args = [] if self.refuse else [str(self.maildir)]
        release_port(self.port)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.port}", *handler, *args],
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"aiosmtpd exited with {self.process.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
                    if connection.recv(3) == b"220":  # its greeting: it is serving
                        return self
            except OSError:
                time.sleep(0.05)
        raise TimeoutError(f"aiosmtpd on port {self.port} did not answer within {timeout} s")

    def messages(self) -> list[Message]:
        if not self.maildir.exists():
            return []
        return list(mailbox.Maildir(self.maildir).values())

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
