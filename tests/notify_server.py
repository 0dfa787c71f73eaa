"""A local HTTP server that speaks GOV.UK Notify's v2 API, for the tests of the Notify sender.

It checks each request's bearer token as Notify does (an HS256 JWT whose `iss` is the service id and whose secret is
the last 36 characters of the API key, `iat` within 30 seconds; `notifications_python_client.authentication`), answers
in Notify's shapes (201 with the notification, 400 `BadRequestError` for an unknown template, missing
personalisation or a bad address, 403 `AuthError`, 429 `RateLimitError`, 500), serves notifications by id and by
reference, and records every request. `fail_next` queues answers for the next sends: a status code, or
"500-after-create" (the notification is made, then the answer is lost as a 500, as happens when Notify times out).
"""

from __future__ import annotations

import json
import re
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from notifications_python_client.authentication import decode_jwt_token, get_token_issuer
from notifications_python_client.errors import TokenError

SERVICE_ID = "5a1e7b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b"
SECRET = "0f1e2d3c-4b5a-4968-8776-655443322110"
API_KEY = f"cwr_test-{SERVICE_ID}-{SECRET}"
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _errors(status: int, error: str, message: str) -> tuple[int, dict]:
    return status, {"status_code": status, "errors": [{"error": error, "message": message}]}


class NotifyServer:
    def __init__(self, templates: dict[str, list[str]]) -> None:
        self.templates = templates  # template id -> placeholders it needs
        self.requests: list[dict] = []
        self.notifications: dict[str, dict] = {}
        self.answers: list[int | str] = []
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def fail_next(self, *answers: int | str) -> None:
        self.answers.extend(answers)

    def set_status(self, notification_id: str, status: str) -> None:
        self.notifications[notification_id]["status"] = status

    @property
    def sent(self) -> list[dict]:
        return list(self.notifications.values())

    def _authenticate(self, header: str) -> tuple[int, dict] | None:
        if not header.startswith("Bearer "):
            return _errors(401, "AuthError", "Unauthorized: authentication token must be provided")
        token = header[len("Bearer "):]
        try:
            if get_token_issuer(token) != SERVICE_ID:
                return _errors(403, "AuthError", "Invalid token: service not found")
            decode_jwt_token(token, SECRET)
        except TokenError as error:
            return _errors(403, "AuthError", error.message)
        return None

    def _send(self, body: dict) -> tuple[int, dict]:
        placeholders = self.templates.get(body.get("template_id", ""))
        if placeholders is None:
            return _errors(400, "BadRequestError", "Template not found")
        if not EMAIL.match(body.get("email_address", "")):
            return _errors(400, "ValidationError", "email_address Not a valid email address")
        missing = [p for p in placeholders if p not in (body.get("personalisation") or {})]
        if missing:
            return _errors(400, "BadRequestError", f"Missing personalisation: {', '.join(missing)}")
        answer = self.answers.pop(0) if self.answers else None
        if answer == 429:
            return _errors(429, "RateLimitError", "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds")
        if isinstance(answer, int):
            return _errors(answer, "Exception", "Internal server error")
        notification = {
            "id": str(uuid.uuid4()), "reference": body.get("reference"), "email_address": body["email_address"],
            "type": "email", "status": "created", "template": {"id": body["template_id"], "version": 1},
            "personalisation": body.get("personalisation"),
        }  # fmt: skip
        self.notifications[notification["id"]] = notification
        if answer == "500-after-create":
            return _errors(500, "Exception", "Internal server error")
        return 201, {"id": notification["id"], "reference": notification["reference"],
                     "content": {"subject": body["personalisation"].get("subject", ""), "body": "",
                                 "from_email": "service@notifications.service.gov.uk"},
                     "uri": f"{self.url}/v2/notifications/{notification['id']}",
                     "template": {**notification["template"], "uri": ""}}  # fmt: skip

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                return

            def _answer(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _handle(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}") if length else {}
                url = urlparse(self.path)
                with server.lock:
                    server.requests.append({"method": method, "path": url.path, "query": parse_qs(url.query),
                                            "body": body, "authorization": self.headers.get("Authorization", "")})
                    refused = server._authenticate(self.headers.get("Authorization", ""))
                    if refused:
                        return self._answer(*refused)
                    if method == "POST" and url.path == "/v2/notifications/email":
                        return self._answer(*server._send(body))
                    if method == "GET" and url.path == "/v2/notifications":
                        reference = parse_qs(url.query).get("reference", [None])[0]
                        found = [n for n in server.notifications.values() if reference in (None, n["reference"])]
                        return self._answer(200, {"notifications": found, "links": {"current": self.path}})
                    match = re.fullmatch(r"/v2/notifications/([0-9a-f-]{36})", url.path)
                    if method == "GET" and match:
                        if match[1] not in server.notifications:
                            return self._answer(*_errors(404, "NoResultFound", "No result found"))
                        return self._answer(200, server.notifications[match[1]])
                    return self._answer(*_errors(404, "NotFound", "Not found"))

            def do_GET(self) -> None:  # noqa: N802
                self._handle("GET")

            def do_POST(self) -> None:  # noqa: N802
                self._handle("POST")

        return Handler
