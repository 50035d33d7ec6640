"""The outbox worker: sync passes in a background thread, with backoff, pause and a status.

The app starts it (`start`), may ask for a pass now (`sync_now`, e.g. when the network comes
back or a record is saved) and stops it on exit (`stop`). It never sleeps blindly: it waits on
an event that `sync_now`, `sign_in` and `stop` set, for the interval or the backoff delay.
Failures back off with full jitter and retry for ever; 401/403 pause until `sign_in`; refused
records are kept, shown in the status, and skipped until they change.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from sync.client.api import CentralApi
from sync.client.backoff import Backoff
from sync.client.credentials import Credentials, TokenFile, enroll_tablet
from sync.client.errors import SignInRequired, SyncError, Unavailable
from sync.client.local import LocalStore, TemplateCache
from sync.client.outbox import Outbox, Tally
from sync.client.status import Phase, SyncStatus, Words
from sync.client.transport import Transport
from sync.client.uploads import CHUNK_BYTES

__all__ = ["SyncWorker"]

logger = logging.getLogger(__name__)

_UNEXPECTED = Words(
    "Lỗi không mong đợi khi đồng bộ; dữ liệu vẫn giữ trên máy, sẽ thử lại.",
    "Unexpected error while syncing; the data stays on this tablet, will retry.",
)
_NO_SIGN_IN = Words(
    "Máy chưa đăng nhập máy chủ: hãy đăng nhập để đồng bộ.",
    "This tablet is not signed in to the server: sign in to sync.",
)


class SyncWorker:
    """Runs `Outbox` passes in a daemon thread; `status` is always a fresh snapshot."""

    def __init__(
        self,
        store: LocalStore,
        tokens: TokenFile,
        *,
        server_url: str | None = None,
        templates: TemplateCache | None = None,
        interval: float = 60.0,
        backoff: Backoff | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        transport_factory: Callable[[str, Callable[[], str | None]], Transport] = Transport,
        chunk_bytes: int = CHUNK_BYTES,
        on_change: Callable[[SyncStatus], None] = lambda s: None,
    ) -> None:
        self.tokens = tokens
        self.interval = interval
        self.backoff = backoff or Backoff()
        self._now = now
        self._on_change = on_change
        self._credentials = tokens.load()
        url = server_url or (self._credentials.server_url if self._credentials else "")
        self.transport = transport_factory(url, self._token)
        self.api = CentralApi(self.transport)
        self.outbox = Outbox(
            self.api, store, templates, chunk_bytes=chunk_bytes, progress=self._progress
        )
        self._lock = threading.Lock()
        self._pass = threading.Lock()
        """One pass at a time, whoever calls `run_once` (the thread, a test, the app)."""
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._failures = 0
        self._paused = self._credentials is None
        self._status = SyncStatus(
            phase=Phase.PAUSED_NEED_SIGN_IN if self._paused else Phase.IDLE,
            last_error=_NO_SIGN_IN if self._paused else None,
            signed_in_as=self._credentials.name if self._credentials else "",
        )

    # -- what the app calls --------------------------------------------------------------

    @property
    def status(self) -> SyncStatus:
        """The latest snapshot (frozen: read it from any thread)."""
        with self._lock:
            return self._status

    def start(self) -> None:
        """Start the background thread (once)."""
        if self._thread is not None:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="sync-worker", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Ask the thread to stop and wait for it (a call in flight ends at its timeout)."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self.transport.close()

    def sync_now(self) -> None:
        """Run a pass as soon as possible (skips the wait or the backoff delay)."""
        self._failures = 0
        self._wake.set()

    def sign_in(self, username: str, password: str, device_name: str) -> Credentials:
        """Enroll with a person's credentials, keep the token and resume (call it off the UI
        loop). SignInRequired for wrong credentials, Unavailable when offline."""
        credentials = enroll_tablet(self.api, self.tokens, username, password, device_name)
        self._credentials = credentials
        self._paused = False
        self._set(phase=Phase.IDLE, last_error=None, signed_in_as=credentials.name, retry_in=None)
        self.sync_now()
        return credentials

    def run_once(self) -> SyncStatus:
        """One pass in the calling thread (what the background thread does each time)."""
        with self._pass:
            return self._run_pass()

    def _run_pass(self) -> SyncStatus:
        if self._paused:
            return self.status
        self._set(phase=Phase.SYNCING, retry_in=None)
        try:
            self.outbox.run()
        except SignInRequired as exc:
            self._paused = True
            self._set(phase=Phase.PAUSED_NEED_SIGN_IN, last_error=Words(exc.vi, exc.en))
        except Unavailable as exc:
            self._fail(Phase.OFFLINE, Words(exc.vi, exc.en), exc.retry_after)
        except SyncError as exc:
            self._fail(Phase.IDLE, Words(exc.vi, exc.en), None)
        else:
            self._failures = 0
            refused = tuple(self.outbox.refused.values())
            self._set(
                phase=Phase.REFUSED if refused else Phase.IDLE,
                last_success=self._now(),
                last_error=refused[0].words if refused else None,
                refused=refused,
            )
        finally:
            self._set(passes=self.status.passes + 1, refused=tuple(self.outbox.refused.values()))
        return self.status

    # -- the thread ------------------------------------------------------------------------

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()  # a sync_now from now on (during the pass) asks for another one
            try:
                self.run_once()
            except Exception:  # noqa: BLE001 - the thread's top level: a store error must not end sync
                logger.exception("sync pass failed")
                self._fail(Phase.IDLE, _UNEXPECTED, None)  # (the pass was counted)
            delay = self.status.retry_in
            self._wake.wait(self.interval if delay is None else delay)

    def _fail(self, phase: Phase, words: Words, retry_after: float | None) -> None:
        self._failures += 1
        delay = self.backoff.delay(self._failures, retry_after)
        self._set(phase=phase, last_error=words, retry_in=delay)

    def _token(self) -> str | None:
        return self._credentials.token if self._credentials else None

    def _progress(self, tally: Tally) -> None:
        self._set(
            records_pending=tally.records_pending,
            photos_pending=tally.photos_pending,
            bytes_sent=tally.bytes_sent,
            bytes_total=tally.bytes_total,
        )

    def _set(self, **changes: object) -> None:
        with self._lock:
            self._status = replace(self._status, **changes)  # type: ignore[arg-type]
            status = self._status
        self._on_change(status)
