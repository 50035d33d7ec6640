"""Device settings: validated, kept atomically, a damaged file reported and left alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from inspect_app.settings import DEFAULT_PHOTO_EDGE, DeviceSettings, SettingsStore


def test_defaults_without_a_file(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    assert store.current == DeviceSettings()
    assert store.current.photo_max_edge == DEFAULT_PHOTO_EDGE
    assert store.problem is None
    assert not store.path.exists()


def test_saved_settings_are_read_back_by_the_next_start(tmp_path: Path) -> None:
    SettingsStore(tmp_path).save(
        DeviceSettings(photo_max_edge=2048, endpoint_url=" https://kt.langson.gov.vn/ ")
    )
    again = SettingsStore(tmp_path).current
    assert again.photo_max_edge == 2048
    assert again.endpoint_url == "https://kt.langson.gov.vn"


@pytest.mark.parametrize(
    "fields",
    [{"endpoint_url": "kt.langson"}, {"endpoint_url": "ftp://x.vn"}, {"photo_max_edge": 10}],
)
def test_bad_values_are_refused(fields: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        DeviceSettings.model_validate(fields)


@pytest.mark.parametrize("content", [b"", b"{not json", b'{"photo_max_edge": "big"}'])
def test_a_damaged_file_is_reported_defaults_used_and_the_file_left(
    tmp_path: Path, content: bytes
) -> None:
    (tmp_path / "settings.json").write_bytes(content)
    store = SettingsStore(tmp_path)
    assert store.current == DeviceSettings()
    assert store.problem and "settings.json" in store.problem
    assert (tmp_path / "settings.json").read_bytes() == content
