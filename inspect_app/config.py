"""The field app's start-up configuration: where to serve, where to keep data, which language."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "APP_FOLDER",
    "AppConfig",
    "Language",
    "default_data_dir",
    "has_display",
    "is_loopback",
    "lan_refusal",
    "lan_warning",
    "parse_args",
]

APP_FOLDER = "inspect-app"
Language = Literal["vi", "en"]


class AppConfig(BaseModel):
    """Settings fixed for the life of one app process."""

    model_config = ConfigDict(frozen=True)

    host: str = "127.0.0.1"
    port: int = Field(default=8550, ge=1, le=65535)
    data_dir: Path
    language: Language = "vi"
    allow_lan: bool = False
    """Serving on an address other machines can reach was asked for explicitly."""


def default_data_dir(
    env: Mapping[str, str] | None = None,
    platform: str | None = None,
    home: Path | None = None,
) -> Path:
    """Return the durable per-user folder for inspections (Flet's storage folder when set)."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    home = Path.home() if home is None else home
    flet_data = env.get("FLET_APP_STORAGE_DATA")
    if flet_data:
        return Path(flet_data)
    if platform.startswith("win"):
        appdata = env.get("APPDATA")
        base = Path(appdata) if appdata else home / "AppData" / "Roaming"
        return base / APP_FOLDER
    if platform == "darwin":
        return home / "Library" / "Application Support" / APP_FOLDER
    xdg = env.get("XDG_DATA_HOME")
    # XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "share"
    return base / APP_FOLDER


def has_display(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """False on a Linux machine with neither X11 nor Wayland (a server, CI, a container)."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach a server bound to `host` (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name, "0.0.0.0" parses; names may resolve to anything


def lan_warning(host: str) -> str:
    """What is logged when the app serves beyond this machine (Vietnamese, as the users read)."""
    return (
        f"Ứng dụng đang mở trên địa chỉ {host}: các máy khác trong mạng có thể vào được và "
        "xem, sửa dữ liệu kiểm tra (không có mật khẩu). Chỉ dùng trong mạng tin cậy."
    )


def lan_refusal(host: str) -> str:
    """Why a non-loopback `--host` without `--allow-lan` is refused (Vietnamese)."""
    return (
        f"--host {host} cho phép các máy khác trong mạng vào ứng dụng và xem, sửa dữ liệu "
        "kiểm tra mà không cần mật khẩu. Nếu đúng là muốn vậy, hãy thêm --allow-lan; nếu "
        "không, bỏ --host (mặc định 127.0.0.1, chỉ máy này vào được)."
    )


def _port(text: str) -> int:
    """Parse a TCP port number for argparse."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 1..65535, got {value}")
    return value


def parse_args(argv: Sequence[str] | None = None) -> AppConfig:
    """Build the config from command-line arguments (defaults where not given)."""
    parser = argparse.ArgumentParser(
        prog="inspect-app",
        description="Offline-first field inspection app (serves the web client when headless).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to serve on (web mode)")
    parser.add_argument("--port", type=_port, default=8550, help="port to serve on (web mode)")
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="folder for inspections (default: per-user)"
    )
    parser.add_argument("--lang", choices=["vi", "en"], default="vi", help="UI language")
    parser.add_argument(
        "--allow-lan",
        action="store_true",
        help="allow a --host other machines can reach (no login: trusted networks only)",
    )
    ns = parser.parse_args(argv)
    if not ns.allow_lan and not is_loopback(ns.host):
        parser.error(lan_refusal(ns.host))  # exits with status 2
    data_dir = ns.data_dir if ns.data_dir is not None else default_data_dir()
    return AppConfig(
        host=ns.host,
        port=ns.port,
        data_dir=data_dir.expanduser(),
        language=ns.lang,
        allow_lan=ns.allow_lan,
    )
