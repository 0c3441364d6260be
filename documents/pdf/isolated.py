"""A render in a child process under a CPU-time and memory limit: a runaway render ends, not the worker.

Each fresh render forks a child (``multiprocessing``'s ``fork`` context: it inherits the already-imported
code, so no start-up cost beyond the fork), which sets ``RLIMIT_CPU`` and ``RLIMIT_AS`` on itself, renders,
and sends the bytes back over a pipe. The parent waits at most a wall-clock deadline (a little above the CPU
limit, in case the child is starved rather than busy) and kills the child past it. Whatever goes wrong in the
child - a CPU limit reached (SIGXCPU), a ``MemoryError``, a crash - the parent raises ``RenderFailed``; the
caller remembers the failure for the same content (``cache.py``) and answers a clear page.

No Django in the child: it receives the HTML and the write options, nothing else; no database connection is
used there.
"""

import logging
import multiprocessing
import os
import resource
import shutil
import signal
import tempfile
import traceback
from collections.abc import Callable

from django.conf import settings

logger = logging.getLogger(__name__)


class RenderFailed(Exception):
    """A render that ran out of its CPU time or memory, or crashed: ``reason`` says which, for the log."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def limits() -> tuple[int, int, float]:
    """(CPU seconds, bytes of address space, wall-clock seconds) one render may take."""
    cpu = int(settings.PDF_RENDER_CPU_SECONDS)
    memory = int(settings.PDF_RENDER_MEMORY_MB) * 1024 * 1024
    wall = float(settings.PDF_RENDER_WALL_SECONDS)
    return cpu, memory, wall


def _address_space() -> int:
    """This process's virtual size in bytes (Linux's /proc), or 0 where it cannot be read."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _child(connection, render: Callable[[], bytes], cpu: int, memory: int) -> None:
    try:
        connection.send(_outcome(render, cpu, memory))
    finally:
        connection.close()
        os._exit(0)  # no atexit handlers, no Django shutdown, no flushing of the parent's buffers


def _outcome(render: Callable[[], bytes], cpu: int, memory: int) -> tuple[str, bytes | str]:
    """("ok", the PDF) or ("error", why). The child leaves by os._exit(), which runs no cleanup, and the
    parent kills it once it has the outcome: what the render writes to the temporary folder (WeasyPrint
    copies each @font-face file into one, ~10 MB a render) goes into a scratch folder removed before."""
    tempfile.tempdir = tempfile.mkdtemp(prefix="prepmeet-render-")
    try:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        if memory > 0:
            # What the render may add to the address space the fork inherited. An absolute limit would
            # depend on the worker's size: each thread of the worker (gthread, the prerender pool, a test's
            # server) reserves a stack and a malloc arena, and past the limit the render failed at once with
            # "SystemError: error return without exception set".
            _, hard = resource.getrlimit(resource.RLIMIT_AS)
            limit = _address_space() + memory
            resource.setrlimit(
                resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard)
            )
        signal.signal(signal.SIGXCPU, signal.SIG_DFL)
        return ("ok", render())
    except MemoryError:
        return ("error", "memory limit reached")
    except BaseException as error:  # noqa: BLE001 - anything in the child is reported, never raised in it
        traceback.print_exc(limit=3)
        return ("error", f"{type(error).__name__}: {error}"[:500])
    finally:
        shutil.rmtree(tempfile.tempdir, ignore_errors=True)


def render_isolated(render: Callable[[], bytes]) -> bytes:
    """``render()``'s bytes, computed in a child under the CPU and memory limits; ``RenderFailed`` otherwise.

    ``PDF_RENDER_ISOLATED = False`` renders in this process (no limits): for a platform without ``fork``.
    """
    if not settings.PDF_RENDER_ISOLATED:
        return render()
    cpu, memory, wall = limits()
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, render, cpu, memory), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(wall):
            raise RenderFailed(f"no result within {wall:g} s")
        try:
            status, payload = receiver.recv()
        except (EOFError, OSError):
            process.join(1)
            raise RenderFailed(_death(process.exitcode, cpu)) from None
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join(5)
    if status != "ok":
        raise RenderFailed(payload)
    return payload


def _death(exitcode: int | None, cpu: int) -> str:
    if exitcode is not None and exitcode < 0:
        number = -exitcode
        if number == signal.SIGXCPU or number == signal.SIGKILL:
            return f"CPU limit of {cpu} s reached (signal {number})"
        return f"render process ended by signal {number}"
    return f"render process exited with {exitcode}"
