"""The device's sign-in: the token a person's credentials bought, kept in a small file.

The file lives in the app's private data folder, next to the data it lets the tablet send
(Android keeps that folder from other apps; exclude it from backups). It is written through
the writer the app hands in (`inspect_app.store.atomic.atomic_write`: temp file, fsync,
rename, folder fsync, mode 0600), so a crash leaves the old token or the new one, whole; `sync`
never imports the app, so the writer is passed in rather than imported. A token is a
credential, not field data: it is not kept in the record store, and signing out deletes it.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from sync.client.api import CentralApi

__all__ = ["Credentials", "TokenFile", "enroll_tablet"]

logger = logging.getLogger(__name__)

Writer = Callable[[Path, bytes], None]


class Credentials(BaseModel):
    """What the tablet keeps of its enrollment: where, which device, whose, and the token."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    server_url: str
    device_id: str
    token: str
    user_id: str
    """The person's id on the server: their member id in records."""
    username: str
    name: str


class TokenFile:
    """The credentials file (`device-token.json` in the data folder by default)."""

    name = "device-token.json"
    max_bytes = 64 * 1024

    def __init__(self, path: Path, write: Writer) -> None:
        self.path = path
        self._write = write

    @classmethod
    def in_folder(cls, data_dir: Path, write: Writer) -> TokenFile:
        """The token file of a data folder."""
        return cls(data_dir / cls.name, write)

    def load(self) -> Credentials | None:
        """The saved credentials; None when there are none (or the file is unusable: the
        person signs in again, which rewrites it)."""
        try:
            data = self.path.read_bytes()[: self.max_bytes + 1]
        except FileNotFoundError:
            return None
        except OSError as exc:
            logger.warning("cannot read %s: %s", self.path, exc)
            return None
        try:
            return Credentials.model_validate_json(data)
        except ValidationError as exc:
            logger.warning("%s is not usable, sign in again: %s", self.path, exc)
            return None

    def save(self, credentials: Credentials) -> None:
        """Keep the credentials durably (returns after the write is on disk)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._write(self.path, credentials.model_dump_json().encode("utf-8"))

    def clear(self) -> None:
        """Forget the token (signing out)."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


def enroll_tablet(
    api: CentralApi, keeper: TokenFile, username: str, password: str, device_name: str
) -> Credentials:
    """Enroll this device with a person's credentials and keep the token; the password is not
    kept. SignInRequired for wrong credentials, Unavailable when the server cannot be reached."""
    api.health()
    enrolled = api.enroll_tablet(username, password, device_name)
    credentials = Credentials(
        server_url=api.transport.base_url,
        device_id=enrolled.device_id,
        token=enrolled.token,
        user_id=enrolled.user.id,
        username=enrolled.user.username,
        name=enrolled.user.name,
    )
    keeper.save(credentials)
    return credentials
