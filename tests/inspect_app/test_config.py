"""Tests for the app config: defaults, data folder per platform, and argument parsing."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from inspect_app.config import (
    AppConfig,
    default_data_dir,
    has_display,
    is_loopback,
    lan_refusal,
    parse_args,
)
from inspect_app.i18n import STRINGS, t

HOME = Path("/home/ana")


@pytest.mark.parametrize(
    "env,platform,expected",
    [
        ({"FLET_APP_STORAGE_DATA": "/data/app/files"}, "linux", Path("/data/app/files")),
        ({"FLET_APP_STORAGE_DATA": "/x", "XDG_DATA_HOME": "/y"}, "linux", Path("/x")),
        ({}, "linux", HOME / ".local/share/inspect-app"),
        ({"XDG_DATA_HOME": "/srv/xdg"}, "linux", Path("/srv/xdg/inspect-app")),
        ({"XDG_DATA_HOME": "relative/xdg"}, "linux", HOME / ".local/share/inspect-app"),
        ({"FLET_APP_STORAGE_DATA": ""}, "linux", HOME / ".local/share/inspect-app"),
        (
            {"APPDATA": "C:/Users/ana/AppData/Roaming"},
            "win32",
            Path("C:/Users/ana/AppData/Roaming/inspect-app"),
        ),
        ({}, "win32", HOME / "AppData/Roaming/inspect-app"),
        ({}, "darwin", HOME / "Library/Application Support/inspect-app"),
    ],
)
def test_default_data_dir(env: dict[str, str], platform: str, expected: Path) -> None:
    assert default_data_dir(env=env, platform=platform, home=HOME) == expected


def test_parse_args_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FLET_APP_STORAGE_DATA", str(tmp_path))
    config = parse_args([])
    assert config == AppConfig(host="127.0.0.1", port=8550, data_dir=tmp_path, language="vi")


def test_parse_args_all_options(tmp_path: Path) -> None:
    config = parse_args(
        ["--host", "0.0.0.0", "--allow-lan", "--port", "9001"]
        + ["--data-dir", str(tmp_path), "--lang", "en"]
    )
    assert (config.host, config.port, config.data_dir, config.language, config.allow_lan) == (
        "0.0.0.0",
        9001,
        tmp_path,
        "en",
        True,
    )


@pytest.mark.parametrize(
    "host,expected",
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LOCALHOST", True),
        ("0.0.0.0", False),
        ("::", False),
        ("", False),
        ("192.168.1.20", False),
        ("tablet.local", False),
    ],
)
def test_is_loopback(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "tablet.local"])
def test_a_host_others_can_reach_needs_allow_lan(
    host: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as excinfo:
        parse_args(["--host", host, "--data-dir", str(tmp_path)])
    assert excinfo.value.code == 2
    assert lan_refusal(host) in capsys.readouterr().err
    assert parse_args(["--host", host, "--allow-lan", "--data-dir", str(tmp_path)]).allow_lan


def test_loopback_is_served_without_allow_lan(tmp_path: Path) -> None:
    config = parse_args(["--host", "localhost", "--data-dir", str(tmp_path)])
    assert (config.host, config.allow_lan) == ("localhost", False)


@pytest.mark.parametrize(
    "argv", [["--port", "0"], ["--port", "70000"], ["--port", "abc"], ["--lang", "fr"]]
)
def test_parse_args_rejects_bad_values(argv: list[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as excinfo:
        parse_args([*argv, "--data-dir", str(tmp_path)])
    assert excinfo.value.code == 2


def test_config_is_frozen(tmp_path: Path) -> None:
    config = AppConfig(data_dir=tmp_path)
    with pytest.raises(ValidationError):
        config.port = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    "env,platform,expected",
    [
        ({}, "linux", False),
        ({"DISPLAY": ":0"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({}, "win32", True),
        ({}, "darwin", True),
    ],
)
def test_has_display(env: dict[str, str], platform: str, expected: bool) -> None:
    assert has_display(env=env, platform=platform) is expected


def test_every_string_exists_in_both_languages() -> None:
    assert STRINGS["vi"].keys() == STRINGS["en"].keys()


@pytest.mark.parametrize(
    "key,lang,values,expected",
    [
        ("list.title", "vi", {}, "Cuộc kiểm tra"),
        ("list.title", "en", {}, "Inspections"),
        ("list.title", "fr", {}, "Cuộc kiểm tra"),
        ("card.progress", "vi", {"scored": 18, "total": 18}, "Đã chấm 18/18 tiêu chí"),
        ("card.score_rating", "vi", {"score": "91", "rating": "Tốt"}, "91 điểm – Tốt"),
    ],
)
def test_t(key: str, lang: str, values: dict[str, object], expected: str) -> None:
    assert t(key, lang, **values) == expected


def test_t_unknown_key_is_an_error() -> None:
    with pytest.raises(KeyError):
        t("no.such.key")
