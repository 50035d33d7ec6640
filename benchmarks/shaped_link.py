"""A shaped TCP link for the sync benchmark: a loopback proxy that carries bytes at a set rate
each way with a set one-way delay, counts them, and can cut a photo upload part-way.

Each direction models one link shared by every connection: bytes are read from the sender,
queued (at most `buffer` bytes a connection, so the sender's TCP backs off as on a real link),
serialised at `rate` bytes per second after every byte queued before them in that direction,
and delivered `delay` seconds later. With rate 125,000 B/s (1 Mbit/s) and delay 0.15 s each way, a
round trip costs 300 ms plus the time the bytes take on the wire.

The upstream direction also follows HTTP/1.1 requests (the head, then `Content-Length` bytes
of body), so it can count the body bytes of photo chunk uploads (`PUT /api/v1/photos/...`)
and cut one: `cut_upload_after(n)` resets both sides once `n` upload-body bytes went through.
"""

from __future__ import annotations

import collections
import contextlib
import socket
import struct
import threading
import time

__all__ = ["ShapedLink"]

_PIECE = 4096
_UPLOAD = b"PUT /api/v1/photos/"


def _reset(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()


class _Pipe:
    """One direction of one connection: read, pace, delay, write."""

    def __init__(self, link: ShapedLink, conn: _Conn, source: socket.socket, up: bool) -> None:
        self.link = link
        self.conn = conn
        self.source = source
        self.up = up
        self.queue: collections.deque[tuple[float, bytes | None]] = collections.deque()
        self.queued = 0
        self.ready = threading.Condition()
        self.head = b""
        self.body_left = 0
        self.uploading = False
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._write, daemon=True).start()

    def _read(self) -> None:
        try:
            while data := self.source.recv(65536):
                for start in range(0, len(data), _PIECE):
                    piece = data[start : start + _PIECE]
                    if self.up:
                        piece, cut = self._follow(piece)
                        if piece:
                            self._enqueue(piece)
                        if cut:
                            self._enqueue(None)
                            return
                    else:
                        self._enqueue(piece)
        except OSError:
            pass
        self._enqueue(None)

    def _follow(self, piece: bytes) -> tuple[bytes, bool]:
        """Track request boundaries; (what may go through, whether to cut after it)."""
        out = b""
        rest = piece
        while rest:
            if self.body_left == 0:
                self.head += rest
                end = self.head.find(b"\r\n\r\n")
                if end < 0:
                    return out + rest, False
                taken = len(rest) - (len(self.head) - (end + 4))
                out += rest[:taken]
                head, rest = self.head[: end + 4], self.head[end + 4 :]
                self.head = b""
                self.uploading = head.startswith(_UPLOAD)
                self.body_left = _content_length(head)
                continue
            body = rest[: self.body_left]
            rest = rest[len(body) :]
            self.body_left -= len(body)
            if self.uploading:
                allowed = self.link.take_upload(len(body))
                out += body[:allowed]
                if allowed < len(body):
                    return out, True
            else:
                out += body
        return out, False

    def _enqueue(self, piece: bytes | None) -> None:
        with self.ready:
            while piece is not None and self.queued > self.link.buffer:
                self.ready.wait()
            deliver = self.link.schedule(0 if piece is None else len(piece), self.up)
            if piece is not None:
                self.queued += len(piece)
            self.queue.append((deliver, piece))
            self.ready.notify_all()

    def _write(self) -> None:
        target = self.conn.upstream if self.up else self.conn.client
        while True:
            with self.ready:
                while not self.queue:
                    self.ready.wait()
                deliver, piece = self.queue.popleft()
            wait = deliver - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            if piece is None:
                self.conn.close()
                return
            try:
                target.sendall(piece)
            except OSError:
                self.conn.close()
                return
            self.link.count(len(piece), self.up)
            with self.ready:
                self.queued -= len(piece)
                self.ready.notify_all()


class _Conn:
    def __init__(self, link: ShapedLink, client: socket.socket) -> None:
        self.client = client
        self.upstream = socket.create_connection(("127.0.0.1", link.target_port))
        for sock in (client, self.upstream):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._closed = False
        _Pipe(link, self, client, up=True)
        _Pipe(link, self, self.upstream, up=False)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            _reset(self.client)
            _reset(self.upstream)


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip() or 0)
    return 0


class ShapedLink:
    """A proxy on a free loopback port to `target_port`, shaped to `rate` B/s each way and
    `delay` s one way (`rate` None: unshaped, only counted)."""

    def __init__(
        self,
        target_port: int,
        *,
        rate: float | None = None,
        delay: float = 0.0,
        buffer: int = 64 * 1024,
    ) -> None:
        self.target_port = target_port
        self.rate = rate or 1e12
        self.delay = delay
        self.buffer = buffer
        self.bytes_up = self.bytes_down = self.upload_body_bytes = 0
        self._cut_after: int | None = None
        self._free_at = {True: 0.0, False: 0.0}
        self.cuts = 0
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def shape(self, rate: float | None, delay: float) -> None:
        """Change the link's rate (B/s each way; None: unshaped) and one-way delay (s)."""
        self.rate = rate or 1e12
        self.delay = delay

    def schedule(self, n: int, up: bool) -> float:
        """When `n` bytes queued now arrive: after every byte queued before them in this
        direction, on any connection, has crossed the one shared link, plus the delay."""
        with self._lock:
            start = max(time.monotonic(), self._free_at[up])
            self._free_at[up] = start + n / self.rate
            return self._free_at[up] + self.delay

    def counted(self) -> int:
        """Bytes carried so far, both ways, headers included."""
        with self._lock:
            return self.bytes_up + self.bytes_down

    def count(self, n: int, up: bool) -> None:
        with self._lock:
            if up:
                self.bytes_up += n
            else:
                self.bytes_down += n

    def cut_upload_after(self, n: int) -> None:
        """Reset the connection once `n` more photo-upload body bytes have gone through."""
        with self._lock:
            self._cut_after = self.upload_body_bytes + n

    def take_upload(self, n: int) -> int:
        """How many of `n` upload-body bytes may pass before an armed cut (counted)."""
        with self._lock:
            allowed = n
            if self._cut_after is not None:
                allowed = max(0, min(n, self._cut_after - self.upload_body_bytes))
                if allowed < n:
                    self._cut_after = None
                    self.cuts += 1
            self.upload_body_bytes += allowed
            return allowed

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                _Conn(self, client)
            except OSError:
                _reset(client)

    def close(self) -> None:
        self._listener.close()
