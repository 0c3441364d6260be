"""The live server's requests in flight, so a test's database is never emptied under a request.

A browser test can end while the page's last request (an autosave, say) is still being answered by the
live server's thread. If the test database is then flushed, the request and the flush race: on PostgreSQL the
flush's TRUNCATE can deadlock with the request's transaction, the flush fails, and the next test starts on a
database that still holds the last one's rows. ``RequestTracker`` counts what the server has taken and not yet
answered, and ``wait_until_answered`` returns once nothing is left, so the teardown can flush safely.
"""

import socket
import threading
from typing import Any


class RequestTracker:
    """How many connections the server has accepted that are not idle: a connection counts from its accept
    until its thread has answered and closed it, except while it waits, kept alive, for a next request."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._busy = 0

    def started(self) -> None:
        with self._changed:
            self._busy += 1

    def finished(self) -> None:
        with self._changed:
            self._busy -= 1
            self._changed.notify_all()

    def wait_until_idle(self, timeout: float) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: self._busy == 0, timeout=timeout)


def track_requests(httpd: Any) -> RequestTracker:
    """Count the requests of Django's live server (``LiveServerThread.httpd``, a ThreadedWSGIServer).

    The count goes up in the server's accepting thread, before the connection's own thread starts, so a
    connection accepted is never missed; it goes down when that thread has closed the connection and its
    database connections (``close_request``), and while a kept-alive connection waits for its next request.
    """
    existing = getattr(httpd, "request_tracker", None)
    if existing is not None:
        return existing
    tracker = RequestTracker()
    accept = httpd.process_request
    serve = httpd.process_request_thread
    handler_class = httpd.RequestHandlerClass

    def process_request(request, client_address):
        tracker.started()
        try:
            accept(request, client_address)
        except BaseException:
            tracker.finished()
            raise

    def process_request_thread(request, client_address):
        try:
            serve(request, client_address)
        finally:
            tracker.finished()

    class TrackedHandler(handler_class):
        def handle(self):
            # Django's WSGIRequestHandler.handle(), with the connection counted as idle while it waits for the
            # next request on a kept-alive connection.
            self.close_connection = True
            self.handle_one_request()
            while not self.close_connection:
                tracker.finished()
                try:
                    more = self.rfile.peek(1)
                except OSError:
                    more = b""
                tracker.started()
                if not more:
                    break
                self.handle_one_request()
            try:
                self.connection.shutdown(socket.SHUT_WR)
            except (AttributeError, OSError):
                pass

    httpd.process_request = process_request
    httpd.process_request_thread = process_request_thread
    httpd.RequestHandlerClass = TrackedHandler
    httpd.request_tracker = tracker
    return tracker


def wait_until_answered(httpd: Any, *, timeout: float = 60) -> None:
    """Return once the server has answered every request it took, including any still waiting to be accepted.

    A last connection of our own goes through the same queue of pending connections as the browser's: once the
    server has accepted it, it has accepted every connection made before it, and each is counted.
    """
    tracker = track_requests(httpd)
    host, port = httpd.server_address[:2]
    with socket.create_connection((host, port), timeout=timeout) as probe:
        probe.sendall(b"\r\n")  # an empty request line: the server closes the connection without a response
        probe.settimeout(timeout)
        while probe.recv(1024):
            pass
    if not tracker.wait_until_idle(timeout):
        raise TimeoutError(f"the live server still had requests in flight after {timeout} s")
