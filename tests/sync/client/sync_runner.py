"""A tablet's sync in a process of its own, for the chaos test to SIGKILL at any moment:

    python -m tests.sync.client.sync_runner --data-dir DIR --url URL [--chunk-bytes N]
        [--read-timeout S] [--max-passes N]

It opens the store in DIR the way the `make_tablet` fixture does (the same `InspectionStore`,
`TemplateFolder`, `TokenFile` and `SyncWorker`, signed in already: the token is in DIR) and runs
sync passes, waiting the worker's own backoff between failed ones, until the outbox is empty.

Exit codes: 0 nothing pending and the last pass clean; 3 sync paused (sign-in needed) or a
record refused; 4 still pending after `--max-passes`. One line per pass goes to stdout.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from checklists.template.catalog import get_template
from inspect_app.store import InspectionStore, TemplateFolder
from inspect_app.store.atomic import atomic_write
from sync.client.backoff import Backoff
from sync.client.credentials import TokenFile
from sync.client.status import Phase
from sync.client.transport import Transport
from sync.client.worker import SyncWorker

__all__ = ["main", "open_worker"]


def open_worker(
    folder: Path, url: str, *, chunk_bytes: int, read_timeout: float
) -> tuple[InspectionStore, SyncWorker]:
    """The tablet's store and its sync worker (not started), as the app builds them."""
    templates = TemplateFolder.in_data_dir(folder, bundled=get_template)
    store = InspectionStore.open(folder, templates=templates.resolve)

    def transport(base: str, token: Callable[[], str | None]) -> Transport:
        return Transport(base, token, timeout=(2.0, read_timeout))

    worker = SyncWorker(
        store,
        TokenFile.in_folder(folder, atomic_write),
        server_url=url,
        templates=templates,
        backoff=Backoff(base=0.05, cap=1.0),
        transport_factory=transport,
        chunk_bytes=chunk_bytes,
    )
    return store, worker


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sync_runner", description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--chunk-bytes", type=int, default=8 * 1024)
    parser.add_argument("--read-timeout", type=float, default=1.0)
    parser.add_argument("--max-passes", type=int, default=400)
    args = parser.parse_args(argv)
    store, worker = open_worker(
        args.data_dir, args.url, chunk_bytes=args.chunk_bytes, read_timeout=args.read_timeout
    )
    try:
        for n in range(args.max_passes):
            status = worker.run_once()
            left = len(store.pending())
            error = status.last_error.en if status.last_error else ""
            print(f"pass {n + 1}: {status.phase.value}, {left} pending {error}", flush=True)  # noqa: T201
            if status.phase in (Phase.PAUSED_NEED_SIGN_IN, Phase.REFUSED):
                return 3
            if status.phase is Phase.IDLE and status.last_error is None and not left:
                return 0
            time.sleep(status.retry_in or 0.0)  # the worker's own backoff (full jitter)
        return 4
    finally:
        worker.stop()
        store.close()


if __name__ == "__main__":
    sys.exit(main())
