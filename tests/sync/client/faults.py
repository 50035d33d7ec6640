"""Faults for the client tests, and nothing else fake: a TCP proxy that breaks one request the
way bad networks do, and a captive portal that answers 200 with HTML to everything.

The proxy forwards bytes between the client and a real server. A fault is armed with a trigger
(bytes of a request line, e.g. b"PUT /api/v1/inspections/") and fires on the next request that
carries it:

* `drop_response`: the request reaches the server, which acts; the first byte of its answer
  makes the proxy reset the client's connection (the server did it, the client never heard);
* `cut_request`: the headers and `after` bytes of the body go through, then both sides are reset;
* `reset_before`: the connection is reset before anything reaches the server;
* `latency`: the request (`direction="up"`) or the answer (`"down"`) is held `delay` seconds
  then forwarded; a delay longer than the client's read timeout makes it give up while the
  server acts (or before the request even reaches it).

`chaos(seed, rate)` draws such faults at random for a share of all requests. `watch(...)`
calls a function (the chaos test's SIGKILL of the client process) when a request, or the
first byte of its answer, passes: that is how a client dies mid-upload, or after the server
acted and before the answer reached it.
"""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["FaultProxy", "Fault", "Watch", "CaptivePortal", "KINDS"]

KINDS = ("reset_before", "drop_response", "cut_request", "latency")
"""The faults `chaos` draws from."""


@dataclass
class Fault:
    trigger: bytes
    kind: str
    after: int = 0
    skip: int = 0
    """Requests carrying the trigger to let through before the one that fails."""
    fired: bool = False
    delay: float = 0.0
    """`latency`: seconds the request (`direction` "up") or its answer ("down") is held."""
    direction: str = "down"
    stall: bool = False
    """A latency longer than the client's timeout (drawn by `chaos` with `stall`)."""

    @property
    def label(self) -> str:
        """The kind for the figures: latencies by direction, stalls apart."""
        if self.kind != "latency":
            return self.kind
        return f"stall {self.direction}" if self.stall else f"latency {self.direction}"


@dataclass
class Watch:
    """Call `action` when a request whose first line holds `trigger` passes (`on="request"`:
    before it is forwarded; with `cut`, only the headers and half its body go through, then the
    link is reset) or when the first byte of its answer comes back (`on="response"`: the
    answer is then dropped). `skip` matching requests pass first. Fires once."""

    trigger: bytes
    action: Callable[[], None]
    on: str = "request"
    cut: bool = False
    skip: int = 0
    fired: bool = False

    def fire(self) -> None:
        self.fired = True
        self.action()


def _reset(sock: socket.socket) -> None:
    """Abort the connection: linger 0 makes the close a reset; the shutdown wakes the other
    direction's thread blocked in recv (a bare close from another thread would not)."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip() or 0)
    return 0


class _Link:
    """One client connection and its upstream twin."""

    def __init__(self, proxy: FaultProxy, client: socket.socket) -> None:
        self.proxy = proxy
        self.client = client
        self.upstream = socket.create_connection(("127.0.0.1", proxy.target_port))
        self.fault: Fault | None = None
        self.buffer = b""
        self.line = b""
        """The first line of the latest request on this link (clients do not pipeline)."""
        threading.Thread(target=self._up, daemon=True).start()
        threading.Thread(target=self._down, daemon=True).start()

    def _close(self) -> None:
        _reset(self.client)
        _reset(self.upstream)

    def _up(self) -> None:
        try:
            while data := self.client.recv(65536):
                if data.startswith(_METHODS):
                    self.line = data.split(b"\r\n", 1)[0]
                    watch = self.proxy.watched(self.line, "request")
                    if watch is not None:
                        watch.fire()
                        if watch.cut:
                            end = data.find(b"\r\n\r\n") + 4
                            self.upstream.sendall(data[: end + (len(data) - end) // 2])
                            self._close()
                            return
                if self.fault is None:
                    self.fault = self.proxy.claim(data)
                fault = self.fault
                if fault is not None and fault.kind == "latency" and fault.direction == "up":
                    if not fault.fired:
                        fault.fired = True
                        time.sleep(fault.delay)  # the network holds the request
                    self.fault = None
                if fault is not None and fault.kind == "reset_before":
                    fault.fired = True
                    self._close()
                    return
                if fault is not None and fault.kind == "cut_request":
                    self.buffer += data
                    end = self.buffer.find(b"\r\n\r\n")
                    if end < 0:
                        continue
                    if fault.after >= _content_length(self.buffer[:end]):
                        self.upstream.sendall(self.buffer)  # too short to cut: let it pass
                        self.buffer, self.fault = b"", None
                        continue
                    limit = end + 4 + fault.after
                    if len(self.buffer) >= limit:
                        self.upstream.sendall(self.buffer[:limit])
                        fault.fired = True
                        self._close()
                        return
                    continue
                self.upstream.sendall(data)
                self.proxy.count(up=len(data))
        except OSError:
            pass
        self._close()

    def _down(self) -> None:
        try:
            while data := self.upstream.recv(65536):
                if data.startswith(b"HTTP/"):
                    watch = self.proxy.watched(self.line, "response")
                    if watch is not None:
                        watch.fire()  # the server acted; the client never hears of it
                        self._close()
                        return
                fault = self.fault
                if fault is not None and fault.kind == "latency" and fault.direction == "down":
                    fault.fired = True
                    time.sleep(fault.delay)  # the network holds the answer
                    self.fault = None
                if fault is not None and fault.kind == "drop_response":
                    fault.fired = True
                    self._close()
                    return
                self.client.sendall(data)
                self.proxy.count(down=len(data))
        except OSError:
            pass
        self._close()


_METHODS = (b"GET ", b"PUT ", b"POST ", b"HEAD ", b"DELETE ")


class FaultProxy:
    """A loopback TCP proxy to `target_port`; `url` is what the client talks to."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._armed: list[Fault] = []
        self._lock = threading.Lock()
        self._chaos: tuple[random.Random, float, float] | None = None
        self._watches: list[Watch] = []
        self.drawn: list[Fault] = []
        """The faults chaos drew (fired or not)."""
        self.bytes_up = self.bytes_down = 0
        self.requests: list[bytes] = []
        """The first line of every request seen (keep-alive requests included)."""
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def count(self, up: int = 0, down: int = 0) -> None:
        """Bytes forwarded each way (headers included), for the wire figures."""
        with self._lock:
            self.bytes_up += up
            self.bytes_down += down

    def arm(
        self,
        trigger: bytes,
        kind: str,
        *,
        after: int = 0,
        skip: int = 0,
        delay: float = 0.0,
        direction: str = "down",
    ) -> Fault:
        """Fail the next request carrying `trigger` (after `skip` such) with `kind`; `delay`
        and `direction` for a `latency`."""
        fault = Fault(trigger, kind, after, skip, delay=delay, direction=direction)
        with self._lock:
            self._armed.append(fault)
        return fault

    def chaos(self, seed: int | None, rate: float = 0.3, stall: float = 0.0) -> list[Fault]:
        """Fault a share `rate` of the requests that follow at random (seeded), one of `KINDS`
        each: reset before forwarding, answer dropped after the server acted, request cut
        mid-body, latency up or down of up to 0.3 s, or, one latency in four when `stall` is
        set, `stall` seconds (longer than the client's timeout). None stops it. Returns the
        list the faults drawn are added to."""
        with self._lock:
            self._chaos = None if seed is None else (random.Random(seed), rate, stall)
            self.drawn = []
            return self.drawn

    def watch(
        self,
        trigger: bytes,
        action: Callable[[], None],
        *,
        on: str = "request",
        cut: bool = False,
        skip: int = 0,
    ) -> Watch:
        """Call `action` once when a request with `trigger` in its first line passes, or when
        its answer starts to come back (`on="response"`); see `Watch`."""
        watch = Watch(trigger, action, on, cut, skip)
        with self._lock:
            self._watches.append(watch)
        return watch

    def unwatch(self, watch: Watch) -> None:
        """Take a watch off if it has not gone off."""
        with self._lock:
            if watch in self._watches:
                self._watches.remove(watch)

    def watched(self, line: bytes, on: str) -> Watch | None:
        """The watch this request line sets off (taken off the list), if any."""
        with self._lock:
            for watch in self._watches:
                if watch.on == on and watch.trigger in line:
                    if watch.skip:
                        watch.skip -= 1
                        continue
                    self._watches.remove(watch)
                    return watch
        return None

    def claim(self, data: bytes) -> Fault | None:
        """The armed fault this request triggers (taken off the list), if any."""
        with self._lock:
            request = data.startswith(_METHODS)
            if request:
                self.requests.append(data.split(b"\r\n", 1)[0])
            if request and self._chaos is not None:
                rng, rate, stall = self._chaos
                if rng.random() < rate:
                    kind = rng.choice(KINDS)
                    fault = Fault(b"", kind, after=rng.randrange(0, 4096))
                    if kind == "latency":
                        fault.direction = rng.choice(["up", "down"])
                        long = stall > 0 and rng.random() < 0.25
                        fault.delay = stall if long else rng.uniform(0.0, 0.3)
                        fault.stall = long
                    self.drawn.append(fault)
                    return fault
            for fault in self._armed:
                if fault.trigger in data:
                    if fault.skip:
                        fault.skip -= 1
                        continue
                    self._armed.remove(fault)
                    return fault
        return None

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                _Link(self, client)
            except OSError:
                _reset(client)

    def close(self) -> None:
        self._listener.close()


class _PortalHandler(BaseHTTPRequestHandler):
    body = b"<html><body>Dang nhap Wi-Fi / Wi-Fi login</body></html>"
    content_type = "text/html"
    status = 200

    seen: list[tuple[str, dict[str, str], bytes]]

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.seen.append((f"{self.command} {self.path}", dict(self.headers.items()), body))
        self.send_response(self.status)
        if self.status in (301, 302, 303, 307):
            self.send_header("Location", "http://portal.invalid/login")
        if self.status == 503:
            self.send_header("Retry-After", "7")
        self.send_header("Content-Type", self.content_type)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(self.body)

    do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = _answer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        pass


class CaptivePortal:
    """A local HTTP server answering `status` (200) with `body` to every request, as hotel
    Wi-Fi does (a 30x status redirects to its login page; a 503 says `Retry-After: 7`)."""

    def __init__(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.seen: list[tuple[str, dict[str, str], bytes]] = []
        """Every request: its line, headers and body."""
        attributes = {
            "body": body,
            "content_type": content_type,
            "status": status,
            "seen": self.seen,
        }
        handler = type("Portal", (_PortalHandler,), attributes)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
