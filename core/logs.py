"""Structured logs on stdout: one JSON object a line, each with the id of the request it belongs to.

``request_log`` (a middleware, outermost but for the security headers) gives every request an id (a fresh
random one; the client's ``X-Request-ID`` is never trusted), sends it back as ``X-Request-ID``, and records
every refusal (403, 404, 405, 409, 413, 422, 429) with the method, the path, the status and the user's id.
Nothing here logs a body, a query string, a header value or a form field: no answer text, token or password
can reach the log (a path holds only ids and slugs; the e-mailed links' tokens are cut out).
"""

import contextvars
import json
import logging
import re
import time
import uuid

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
logger = logging.getLogger("prepmeet.requests")
REFUSALS = {400, 403, 404, 405, 409, 413, 422, 429}
# /accounts/reset/<uidb64>/<token>/ (and the sign-up and verification links), /invitations/<token>/ (sharing):
# /ask/<token>/ (asks): the token is a credential.
RESET_TOKEN = re.compile(r"(/accounts/(?:reset|welcome|verify)/[^/]+/|/invitations/|/ask/)(?!accept/)[^/]+")


def safe_path(path: str) -> str:
    return RESET_TOKEN.sub(r"\1<token>", path)[:300]


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(record.created)),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", request_id_var.get()),
            # Django's own request logger writes paths into its messages ("Not Found: /accounts/reset/...").
            "message": RESET_TOKEN.sub(r"\1<token>", record.getMessage()),
        }
        for key in ("method", "path", "status", "user"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def request_log(get_response):
    def middleware(request):
        request_id = uuid.uuid4().hex
        token = request_id_var.set(request_id)
        try:
            response = get_response(request)
            response["X-Request-ID"] = request_id
            if response.status_code in REFUSALS:
                user = getattr(request, "user", None)
                logger.warning(
                    "refused %s",
                    response.status_code,
                    extra={
                        "method": request.method,
                        "path": safe_path(request.path),
                        "status": response.status_code,
                        "user": user.pk if user is not None and user.is_authenticated else None,
                    },
                )
            return response
        finally:
            request_id_var.reset(token)

    return middleware
