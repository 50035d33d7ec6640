"""Why a photo is refused; each subclass tells the caller what to do, in Vietnamese or English.

* PhotoError
  + NotAnImage            the bytes are no picture (empty, random, a text file): choose a photo
  + PhotoTruncated        a JPEG, PNG or WebP cut short or damaged: copy or take it again
  + PhotoFileTooLarge     over the byte limit (20 MiB): take it at a lower resolution
  + PhotoTooManyPixels    over the pixel limit (a decompression bomb, or a panorama): take a
                          smaller picture
  + UnsupportedPhotoType  a picture, but not JPEG, PNG or WebP (GIF, BMP, TIFF, HEIC...): save
                          it as JPEG and add it again

A refusal is raised before anything is kept: processing is pure over bytes, so nothing changed.
`str(error)` is the Vietnamese message; `error.message("en")` the English one.
"""

from __future__ import annotations

__all__ = [
    "PhotoError",
    "NotAnImage",
    "PhotoTruncated",
    "PhotoFileTooLarge",
    "PhotoTooManyPixels",
    "UnsupportedPhotoType",
]

_NOTHING_KEPT = ("Chưa lưu gì", "Nothing was saved")


class PhotoError(Exception):
    """Base class of every error raised by `inspect_app.photos`."""

    def __init__(self) -> None:
        super().__init__(self.message())

    def message(self, lang: str = "vi") -> str:
        """The message in `lang` (Vietnamese unless "en")."""
        vi, en = self._texts()
        return en if lang == "en" else vi

    def _texts(self) -> tuple[str, str]:
        """The (Vietnamese, English) message; every subclass says its own."""
        raise NotImplementedError


class NotAnImage(PhotoError):
    """The bytes are not a picture at all; ask the person to choose a photo file."""

    def __init__(self, size: int) -> None:
        self.size = size
        super().__init__()

    def _texts(self) -> tuple[str, str]:
        if self.size == 0:
            return (
                f"Tệp trống (0 byte), không phải ảnh. {_NOTHING_KEPT[0]}; hãy chọn một tệp ảnh.",
                f"The file is empty (0 bytes), not a photo. {_NOTHING_KEPT[1]}; choose a photo.",
            )
        return (
            f"Tệp này không phải ảnh ({_count(self.size, 'vi')} byte, không đọc được như JPEG, "
            f"PNG hay WebP). {_NOTHING_KEPT[0]}; hãy chọn một tệp ảnh.",
            f"This file is not a photo ({_count(self.size, 'en')} bytes that read as neither "
            f"JPEG, PNG nor WebP). {_NOTHING_KEPT[1]}; choose a photo file.",
        )


class PhotoTruncated(PhotoError):
    """A JPEG, PNG or WebP that is cut short or damaged: copy the file again or retake it."""

    def __init__(self, kind: str, size: int) -> None:
        self.kind = kind
        self.size = size
        super().__init__()

    def _texts(self) -> tuple[str, str]:
        return (
            f"Ảnh {self.kind} bị cụt hoặc hỏng ({_count(self.size, 'vi')} byte): tệp chưa được "
            f"chép hết. {_NOTHING_KEPT[0]}; hãy chép lại hoặc chụp lại ảnh.",
            f"The {self.kind} photo is cut short or damaged ({_count(self.size, 'en')} bytes): "
            f"the file was not copied completely. {_NOTHING_KEPT[1]}; copy or take it again.",
        )


class PhotoFileTooLarge(PhotoError):
    """The file is over the byte limit; take the photo at a lower resolution."""

    def __init__(self, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__()

    def _texts(self) -> tuple[str, str]:
        return (
            f"Ảnh quá lớn: {_mb(self.size, 'vi')} MB, giới hạn {_mb(self.limit, 'vi')} MB. "
            f"{_NOTHING_KEPT[0]}; hãy chụp lại ở độ phân giải thấp hơn.",
            f"The photo is too large: {_mb(self.size, 'en')} MB, the limit is "
            f"{_mb(self.limit, 'en')} MB. {_NOTHING_KEPT[1]}; take it at a lower resolution.",
        )


class PhotoTooManyPixels(PhotoError):
    """The picture claims more pixels than the limit (a decompression bomb, or a huge panorama);
    it was refused before decoding: take a smaller picture.

    `pixels` is what the header declares (None when the decoder would not even say).
    """

    def __init__(self, pixels: int | None, limit: int) -> None:
        self.pixels = pixels
        self.limit = limit
        super().__init__()

    def _texts(self) -> tuple[str, str]:
        vi = "quá giới hạn" if self.pixels is None else _mp(self.pixels, "vi")
        en = "over the limit" if self.pixels is None else _mp(self.pixels, "en")
        return (
            f"Ảnh có quá nhiều điểm ảnh: {vi} megapixel, giới hạn {_mp(self.limit, 'vi')} "
            f"megapixel. {_NOTHING_KEPT[0]}; hãy chụp ảnh nhỏ hơn.",
            f"The photo has too many pixels: {en} megapixels, the limit is "
            f"{_mp(self.limit, 'en')} megapixels. {_NOTHING_KEPT[1]}; take a smaller picture.",
        )


class UnsupportedPhotoType(PhotoError):
    """A picture of a type the app does not keep (only JPEG, PNG and WebP): save it as JPEG."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        super().__init__()

    def _texts(self) -> tuple[str, str]:
        return (
            f"Chưa hỗ trợ ảnh dạng {self.kind}; chỉ nhận JPEG, PNG hoặc WebP. "
            f"{_NOTHING_KEPT[0]}; hãy lưu ảnh dưới dạng JPEG rồi thêm lại.",
            f"{self.kind} photos are not supported; only JPEG, PNG or WebP. "
            f"{_NOTHING_KEPT[1]}; save the photo as JPEG and add it again.",
        )


def _count(n: int, lang: str) -> str:
    """12.345 in Vietnamese, 12,345 in English."""
    text = f"{n:,}"
    return text.replace(",", ".") if lang == "vi" else text


def _mb(size: int, lang: str) -> str:
    return _decimal(size / 1_000_000, lang)


def _mp(pixels: int, lang: str) -> str:
    return _decimal(pixels / 1_000_000, lang)


def _decimal(value: float, lang: str) -> str:
    """One decimal, with the comma Vietnamese uses (21,0) or the English point (21.0)."""
    text = f"{value:,.1f}"
    if lang != "vi":
        return text
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")
