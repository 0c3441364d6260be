"""Background jobs without Redis: a small pool of threads in this process (with REDIS_URL the jobs go to RQ
instead). Used by the PDFs rendered before the click (``documents/prerender.py``) and the outgoing mail
(``core/mail.py``)."""

import heapq
import itertools
import logging
import threading
import time
from collections import deque
from collections.abc import Callable

from django.db import connections

logger = logging.getLogger(__name__)


class ThreadPool:
    """``workers`` threads running jobs, and one timer thread holding the delayed ones until they are due;
    at most ``max_waiting`` jobs held at once. Daemon threads, started on the first job: nothing runs at
    import or start-up, and a process that exits does not wait for a render (the job is simply lost)."""

    def __init__(self, workers: int, run: Callable[..., object], *, max_waiting: int, name: str):
        self.workers, self.run, self.max_waiting, self.name = workers, run, max_waiting, name
        self._condition = threading.Condition()
        self._delayed: list[tuple[float, int, tuple]] = []  # (due, sequence, args), a heap
        self._ready: deque[tuple] = deque()
        self._held = 0  # delayed + ready + running
        self._sequence = itertools.count()
        self._threads: list[threading.Thread] = []

    def enqueue(self, *args, delay: float = 0.0) -> bool:
        with self._condition:
            if self._held >= self.max_waiting:
                logger.warning("%s dropped: %s jobs held already", self.name, self._held)
                return False
            self._held += 1
            heapq.heappush(self._delayed, (time.monotonic() + delay, next(self._sequence), args))
            self._start()
            self._condition.notify_all()
        return True

    def join(self, timeout: float) -> bool:
        """Wait until no job is held (tests, the bench); whether that happened within ``timeout``."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while self._held:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._condition.wait(min(left, 0.05))
        return True

    def _start(self) -> None:
        if self._threads:
            return
        self._threads = [threading.Thread(target=self._timer, name=f"{self.name}-timer", daemon=True)]
        for n in range(self.workers):
            self._threads.append(threading.Thread(target=self._worker, name=f"{self.name}-{n}", daemon=True))
        for thread in self._threads:
            thread.start()

    def _timer(self) -> None:
        with self._condition:
            while True:
                now = time.monotonic()
                while self._delayed and self._delayed[0][0] <= now:
                    self._ready.append(heapq.heappop(self._delayed)[2])
                    self._condition.notify_all()
                self._condition.wait(self._delayed[0][0] - now if self._delayed else None)

    def _worker(self) -> None:
        while True:
            with self._condition:
                while not self._ready:
                    self._condition.wait()
                args = self._ready.popleft()
            try:
                self.run(*args)
            except Exception:
                logger.exception("%s failed: %s", self.name, args)
            finally:
                connections.close_all()  # this thread's own connections
                with self._condition:
                    self._held -= 1
                    self._condition.notify_all()
