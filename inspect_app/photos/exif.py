"""What a photo's EXIF says about when and where it was taken, read leniently.

EXIF is written by cameras of every quality: a missing, malformed or impossible value (a zero
date, a latitude over 90, a rational over zero) is read as "not known" (None), never as a
reason to refuse the photo, which is still good evidence without them.
"""

from __future__ import annotations

import math
from datetime import datetime

from PIL import Image
from PIL.ExifTags import GPS, IFD, Base
from pydantic import ValidationError

from checklists.record.model import Gps

__all__ = ["taken_at", "gps_position"]

_DATE_FORMAT = "%Y:%m:%d %H:%M:%S"


def taken_at(exif: Image.Exif) -> datetime | None:
    """DateTimeOriginal, as the camera's clock read it (naive: EXIF gives no zone for certain).

    None when absent or not a real date ("0000:00:00 00:00:00", blanks, garbage).
    """
    value = exif.get_ifd(IFD.Exif).get(Base.DateTimeOriginal)
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value.strip("\x00 ").strip(), _DATE_FORMAT)
    except ValueError:
        return None


def gps_position(exif: Image.Exif) -> Gps | None:
    """Latitude and longitude in decimal degrees (south and west negative), or None."""
    info = exif.get_ifd(IFD.GPSInfo)
    lat = _degrees(info.get(GPS.GPSLatitude), info.get(GPS.GPSLatitudeRef), "S")
    lon = _degrees(info.get(GPS.GPSLongitude), info.get(GPS.GPSLongitudeRef), "W")
    if lat is None or lon is None:
        return None
    try:
        return Gps(lat=round(lat, 7), lon=round(lon, 7))  # 7 places: about 1 cm
    except ValidationError:  # out of range
        return None


def _degrees(value: object, ref: object, negative: str) -> float | None:
    """(degrees, minutes, seconds) of rationals -> signed decimal degrees; None if unreadable."""
    if not isinstance(value, tuple) or len(value) != 3:
        return None
    try:
        d, m, s = (float(part) for part in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    total = d + m / 60 + s / 3600
    if not math.isfinite(total):
        return None
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "replace")
    return -total if isinstance(ref, str) and ref.strip("\x00 ").upper() == negative else total
