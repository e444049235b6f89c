"""What keeps the server safe with untrusted articles and untrusted clients.

- Every response carries a strict Content-Security-Policy (scripts, styles, workers and
  fetches from this origin only; no inline script or style, no plugins, no framing) and
  the usual hardening headers. The web app builds its DOM with `textContent`, so an
  article's markup is shown as text; the CSP is the second wall if that ever fails.
- Request sizes are bounded: the query string (414 beyond `max_query`), the body (413
  beyond `max_body`, checked on the declared length AND on the bytes that arrive).
- The Host header must name this server when it is bound to the loopback interface, so a
  web page cannot reach it through DNS rebinding.
- Write endpoints (analyze, ingest) go through `require_write`: refused when the request
  comes from another site (its Origin), refused without the token when one is set, and
  refused outright when the server is bound beyond localhost without a token. Without a
  token, a write is answered only for a *client* on this machine that talks to the server
  directly: the peer's address is loopback and the request has no proxy header
  (`Forwarded`, `X-Forwarded-For`, `X-Real-IP`...). A reverse proxy on the same machine
  connects from loopback too, so the bind address alone says nothing about who asks.
"""

from __future__ import annotations

import ipaddress
import json
import secrets
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from fastapi import HTTPException, Request

CSP = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
])

SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]

LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}
# Headers a proxy adds for the client it forwards: a request with any of them did not
# come straight from a program on this machine, whatever the peer address.
PROXY_HEADERS = ("forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-server",
                 "x-real-ip", "x-client-ip", "true-client-ip", "cf-connecting-ip", "fastly-client-ip",
                 "x-cluster-client-ip", "via")


def is_loopback(host: str) -> bool:
    """True when `host` (an interface to bind to, or a peer address) is this machine only."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)  # ::ffff:127.0.0.1
    return (mapped or address).is_loopback


def direct_local_client(request: Request) -> bool:
    """True when the request comes from a program on this machine, not through a proxy:
    the peer address is loopback and no proxy header is present."""
    client = request.client
    if client is None or not is_loopback(client.host or ""):
        return False
    return not any(name in request.headers for name in PROXY_HEADERS)


@dataclass
class ServeSettings:
    """How the server was started: where it listens, who may write, the size limits."""

    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    writable: bool = False  # POST /api/documents may add documents to the store
    max_body: int = 2 * 1024 * 1024  # bytes
    max_query: int = 4096  # bytes of query string
    max_analyze_chars: int = 200_000
    allowed_hosts: set[str] = field(default_factory=set)  # extra Host header names accepted
    warm: bool = True  # compute the web app's first answers (network, contested) at start-up

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    def host_allowed(self, host_header: str | None) -> bool:
        """Whether a request's Host header names this server (checked on loopback only)."""
        if not self.loopback:
            return True
        if not host_header:
            return False
        name = urlsplit(f"//{host_header}").hostname or ""
        return name in LOOPBACK_NAMES or name in self.allowed_hosts or f"[{name}]" in LOOPBACK_NAMES

    def writes_allowed(self) -> str | None:
        """None when write endpoints can be used at all, else why not (one line)."""
        if self.token or self.loopback:
            return None
        return (f"write endpoints are off: the server is bound to {self.host}, beyond localhost, "
                "without a token (start it with --token or $NEWSGRAPH_TOKEN)")


class LimitsMiddleware:
    """Size limits, the Host check and the security headers, as plain ASGI middleware
    (it must see the body as it streams in, before any endpoint reads it)."""

    def __init__(self, app, settings: ServeSettings):
        self.app = app
        self.settings = settings

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        settings = self.settings
        headers = dict(scope.get("headers") or [])

        started = False

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                existing = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in SECURITY_HEADERS if name not in existing]
                if scope["path"].startswith("/api") and b"cache-control" not in existing:
                    extra.append((b"cache-control", b"no-store"))
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)

        host = headers.get(b"host", b"").decode("latin-1")
        if not settings.host_allowed(host):
            return await _error(send_with_headers, 421, f"this server does not answer to the host name {host!r}")
        if len(scope.get("query_string", b"")) > settings.max_query or len(scope.get("raw_path") or b"") > settings.max_query:
            return await _error(send_with_headers, 414, f"the URL is too long (at most {settings.max_query} bytes of query)")
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                return await _error(send_with_headers, 400, "the Content-Length header is not a number")
            if length > settings.max_body:
                return await _error(send_with_headers, 413, f"the request body is {length:,} bytes, more than the limit of {settings.max_body:,}")

        received = 0
        refused = False  # the body went over the limit: we answered 413, the app is cut off

        async def limited_receive():
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > settings.max_body:
                    if not started:
                        await _error(send_with_headers, 413, f"the request body is more than the limit of {settings.max_body:,} bytes")
                    refused = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message):
            if not refused:
                await send_with_headers(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not refused:  # a real error: let the server report it
                raise


async def _error(send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def require_write(request: Request) -> None:
    """A FastAPI dependency for endpoints that write or compute on request (see the module doc)."""
    settings: ServeSettings = request.app.state.settings
    origin = request.headers.get("origin")
    if origin and origin != "null":
        expected = f"{request.url.scheme}://{request.headers.get('host', '')}"
        if origin.rstrip("/").lower() != expected.lower():
            raise HTTPException(403, f"a request from another site ({origin}) may not use a write endpoint")
    elif origin == "null" or request.headers.get("sec-fetch-site") == "cross-site":
        raise HTTPException(403, "a request from another site may not use a write endpoint")
    refused = settings.writes_allowed()
    if refused:
        raise HTTPException(403, refused)
    if settings.token:
        given = request.headers.get("authorization", "")
        scheme, _, value = given.partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(value.strip().encode(), settings.token.encode()):
            raise HTTPException(401, "this endpoint needs the server's token: send 'Authorization: Bearer TOKEN'",
                                headers={"WWW-Authenticate": "Bearer"})
    elif not direct_local_client(request):
        raise HTTPException(403, "without a token, write endpoints answer only programs on this machine, not requests "
                                 "through a proxy or from elsewhere: start the server with --token (or $NEWSGRAPH_TOKEN)")
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise HTTPException(415, "send the body as JSON (Content-Type: application/json)")
