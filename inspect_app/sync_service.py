"""The app's one sync service: owns the tablet sync client's worker and tells every session.

One `SyncService` per app process (made in `main.make_main` next to the `SettingsStore`). It
runs the client's `SyncWorker` while the device settings name a central endpoint, and none
otherwise; `reconfigure()` (after the endpoint is saved) stops the old worker and starts one for
the new address. It is the app's `SyncRunner` (start, stop, `sync_now`) and signs this device in.
The worker reports from its own thread; each watching session is told on its own event loop
(`loop.call_soon_threadsafe`), so observables only ever change on their loop.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from inspect_app.settings import SettingsStore
from inspect_app.store import InspectionStore, TemplateFolder
from inspect_app.store.atomic import atomic_write
from sync.client.credentials import TokenFile
from sync.client.errors import SignInRequired
from sync.client.status import SyncStatus
from sync.client.worker import SyncWorker

__all__ = ["StatusWatcher", "SyncService", "device_name"]

logger = logging.getLogger(__name__)

StatusWatcher = Callable[[SyncStatus | None], None]
"""Told the worker's latest snapshot, or None when there is no worker (no endpoint set)."""


class _Watch(NamedTuple):
    """One session's watcher: its loop and the context it is told in."""

    loop: asyncio.AbstractEventLoop
    watcher: StatusWatcher
    context: contextvars.Context


WorkerFactory = Callable[..., SyncWorker]


def device_name() -> str:
    """How this device is named on the server: "Máy tính bảng" and the host name."""
    try:
        host = socket.gethostname().strip()
    except OSError:
        host = ""
    return f"Máy tính bảng {host}".strip()


class SyncService:
    """The sync worker of this app process (None while no endpoint is set) and its watchers."""

    def __init__(
        self,
        store: InspectionStore,
        settings: SettingsStore,
        data_dir: Path,
        *,
        templates: TemplateFolder | None = None,
        worker_factory: WorkerFactory = SyncWorker,
    ) -> None:
        self.store = store
        self.settings = settings
        self.tokens = TokenFile.in_folder(data_dir, atomic_write)
        self.templates = templates
        self._factory = worker_factory
        self._worker: SyncWorker | None = None
        self._url = ""
        self._generation = 0
        """Which worker is current: news from a stopped one is not passed on."""
        self._lock = threading.Lock()
        """Serialises (re)starting and stopping the worker."""
        self._watchers: dict[int, _Watch] = {}
        self._next_watch = 0
        self._watch_lock = threading.Lock()
        self._closed = False

    # -- the worker --------------------------------------------------------------------

    @property
    def worker(self) -> SyncWorker | None:
        """The running worker; None while no central endpoint is set."""
        return self._worker

    @property
    def url(self) -> str:
        """The endpoint the worker talks to ("" with no worker)."""
        return self._url

    @property
    def status(self) -> SyncStatus | None:
        """The worker's latest snapshot; None with no worker."""
        worker = self._worker
        return worker.status if worker is not None else None

    def open(self) -> None:
        """Start a worker for the saved endpoint, if any (blocking: call it off the loop)."""
        self._reconfigure()

    async def reconfigure(self) -> None:
        """Follow the saved endpoint: a new address restarts the worker, none stops it."""
        await asyncio.to_thread(self._reconfigure)

    def _reconfigure(self) -> None:
        with self._lock:
            if self._closed:
                return
            url = self.settings.current.endpoint_url
            if url == self._url and (self._worker is not None or not url):
                return
            old, self._worker, self._url = self._worker, None, ""
            if old is not None:
                old.stop()  # blocks up to the request in flight
            self._generation += 1
            if url:
                generation = self._generation
                worker = self._factory(
                    self.store,
                    self.tokens,
                    server_url=url,
                    templates=self.templates,
                    on_change=lambda status: self._changed(generation, status),
                )
                self._worker, self._url = worker, url
                worker.start()
                logger.info("sync worker started for %s", url)
        self._tell(self.status)

    def close(self) -> None:
        """Stop the worker for good (app exit; blocks until its request in flight ends)."""
        with self._lock:
            self._closed = True
            self._generation += 1
            worker, self._worker, self._url = self._worker, None, ""
        if worker is not None:
            worker.stop()
        with self._watch_lock:
            self._watchers.clear()

    # -- SyncRunner: what the sync screen asks for -------------------------------------

    def start(self) -> None:
        """Start the worker's background thread (nothing with no worker)."""
        worker = self._worker
        if worker is not None:
            worker.start()

    def stop(self) -> None:
        """Stop the worker's thread (blocking); `start` resumes it."""
        worker = self._worker
        if worker is not None:
            worker.stop()

    async def sync_now(self) -> None:
        """Run one pass now, in a worker thread, and return when it has ended."""
        worker = self._worker
        if worker is None:
            return
        await asyncio.to_thread(worker.run_once)

    async def sign_in(self, username: str, password: str) -> str:
        """Enroll this device with a person's account and resume syncing; returns the person's
        name. Raises the client's `SyncError` (its words say why: a wrong password, the server
        unreachable) and `SignInRequired` when no endpoint is set."""
        worker = self._worker
        if worker is None:
            raise SignInRequired(
                "Chưa có địa chỉ máy chủ trung tâm: hãy nhập trong Cài đặt.",
                "No central server address yet: enter it in Settings.",
            )
        credentials = await asyncio.to_thread(
            worker.sign_in, username.strip(), password, device_name()
        )
        return credentials.name

    # -- watchers ----------------------------------------------------------------------

    def watch(self, watcher: StatusWatcher) -> Callable[[], None]:
        """Tell `watcher` every change on the calling event loop, in the caller's context
        (Flet finds its page through context variables: news told in the worker thread's
        context failed with "The context is not associated with any page"), starting with the
        current state (call it on that loop); returns the function that stops it."""
        loop = asyncio.get_running_loop()
        with self._watch_lock:
            key = self._next_watch
            self._next_watch += 1
            self._watchers[key] = _Watch(loop, watcher, contextvars.copy_context())
        watcher(self.status)

        def unwatch() -> None:
            with self._watch_lock:
                self._watchers.pop(key, None)

        return unwatch

    @property
    def watchers(self) -> int:
        """How many sessions watch (for tests and logs)."""
        with self._watch_lock:
            return len(self._watchers)

    def _changed(self, generation: int, status: SyncStatus) -> None:
        """The worker's `on_change` (its thread): only the current worker's news counts."""
        if generation == self._generation and self._worker is not None:
            self._tell(status)

    def _tell(self, status: SyncStatus | None) -> None:
        with self._watch_lock:
            watchers = list(self._watchers.items())
        for key, (loop, watcher, context) in watchers:
            try:
                loop.call_soon_threadsafe(watcher, status, context=context)
            except RuntimeError:  # that session's loop has closed: forget it
                with self._watch_lock:
                    self._watchers.pop(key, None)
