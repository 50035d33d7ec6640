"""The device's settings that outlive a session: photo size cap and the central endpoint URL.

Kept in `settings.json` in the data folder, written atomically; a damaged or hand-edited file
is reported (`SettingsStore.problem`), defaults are used, and the file is only replaced when the
person saves new settings.
Who the person is and their language are per session (the browser's or the tablet's own
preferences), so two people on two browsers of one app process can be two members.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, ValidationError, field_validator

from inspect_app.store.atomic import atomic_write, read_json_file
from inspect_app.store.errors import StoreError

__all__ = [
    "DEFAULT_PHOTO_EDGE",
    "PHOTO_EDGES",
    "DeviceSettings",
    "SettingsStore",
]

SETTINGS_FILE = "settings.json"
DEFAULT_PHOTO_EDGE = 1600
PHOTO_EDGES = (1024, 1600, 2048, 3072)
"""The long-edge caps offered: smaller photos sync faster on a weak connection."""
_MAX_SETTINGS_BYTES = 64 * 1024


class DeviceSettings(BaseModel):
    """What this device remembers between runs."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    photo_max_edge: Annotated[int, Field(ge=640, le=8192)] = DEFAULT_PHOTO_EDGE
    endpoint_url: str = ""
    """The central endpoint (empty: sync not set up)."""

    @field_validator("endpoint_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        value = value.strip()
        if value:
            AnyHttpUrl(value)  # raises a ValidationError naming the problem
        return value.rstrip("/")


class SettingsStore:
    """Reads and writes `DeviceSettings` in one folder; thread-safe enough for one process
    (each save replaces the file atomically)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / SETTINGS_FILE
        self.problem: str | None = None
        self._current = self._load()

    @property
    def current(self) -> DeviceSettings:
        return self._current

    def save(self, settings: DeviceSettings) -> DeviceSettings:
        """Write `settings` (already validated) and make them current."""
        atomic_write(self.path, settings.model_dump_json(indent=2).encode("utf-8"))
        self._current = settings
        self.problem = None
        return settings

    def _load(self) -> DeviceSettings:
        try:
            raw = read_json_file(self.path, limit=_MAX_SETTINGS_BYTES)
        except StoreError as exc:
            self.problem = str(exc)
            return DeviceSettings()
        if raw is None:
            return DeviceSettings()
        try:
            return DeviceSettings.model_validate(raw)
        except ValidationError as exc:
            self.problem = f"{self.path.name}: {exc.errors()[0]['msg']}"
            return DeviceSettings()
