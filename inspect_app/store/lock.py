"""The process lock on a data folder: one app process at a time may open a store."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from inspect_app.store.errors import StoreError, StoreLocked

__all__ = ["LOCK_NAME", "StoreLock"]

LOCK_NAME = "store.lock"


class StoreLock:
    """A non-blocking OS lock on `<data_dir>/store.lock`, released on close or process death."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        # thread_local=False: the lock belongs to the process; any thread may release it.
        self._lock = FileLock(data_dir / LOCK_NAME, thread_local=False, blocking=False)

    def acquire(self) -> None:
        """Take the lock now or raise StoreLocked (another process holds the folder)."""
        try:
            self._lock.acquire()
        except Timeout:
            raise StoreLocked(self.data_dir) from None
        except OSError as exc:
            raise StoreError(
                f"Không tạo được tệp khóa trong thư mục dữ liệu {self.data_dir}: {exc}"
            ) from exc

    def release(self) -> None:
        """Let another process open the folder."""
        self._lock.release(force=True)

    @property
    def is_locked(self) -> bool:
        return bool(self._lock.is_locked)
