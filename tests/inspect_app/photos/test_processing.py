"""process_photo on real pictures made with Pillow here: upright, capped, bare, or refused."""

from __future__ import annotations

import hashlib
import io
import random
import struct
import time
import zlib
from datetime import datetime

import pytest
from PIL import Image, ImageFile, ImageOps
from PIL.ExifTags import GPS, IFD, Base
from PIL.TiffImagePlugin import IFDRational

from checklists.record.model import Gps
from inspect_app.photos.errors import (
    NotAnImage,
    PhotoError,
    PhotoFileTooLarge,
    PhotoTooManyPixels,
    PhotoTruncated,
    UnsupportedPhotoType,
)
from inspect_app.photos.processing import MAX_BYTES, ProcessedPhoto, process_photo
from inspect_app.store import PhotoStore

RED, BLUE, WHITE = (255, 0, 0), (0, 0, 255), (255, 255, 255)


def encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def camera_exif(
    orientation: int = 6,
    when: str = "2026:11:28 14:05:09",
    lat: tuple[IFDRational, ...] = (IFDRational(21), IFDRational(51), IFDRational(1332, 100)),
    lon: tuple[IFDRational, ...] = (IFDRational(106), IFDRational(45), IFDRational(414, 10)),
    refs: tuple[str, str] = ("N", "E"),
) -> Image.Exif:
    """What a phone writes: Orientation, DateTimeOriginal, GPS (Lạng Sơn), a make and model."""
    exif = Image.Exif()
    exif[Base.Orientation] = orientation
    exif[Base.Make] = "PhoneMaker"
    exif[Base.Model] = "Field Phone 7"
    exif.get_ifd(IFD.Exif)[Base.DateTimeOriginal] = when
    gps = exif.get_ifd(IFD.GPSInfo)
    gps[GPS.GPSLatitudeRef], gps[GPS.GPSLatitude] = refs[0], lat
    gps[GPS.GPSLongitudeRef], gps[GPS.GPSLongitude] = refs[1], lon
    return exif


def camera_jpeg(size: tuple[int, int] = (4000, 3000), exif: Image.Exif | None = None) -> bytes:
    """A blue picture, stored sideways, with a red block in its stored top-left corner."""
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, size[0] // 10, size[0] // 10))
    exif = camera_exif() if exif is None else exif
    return encode(image, "JPEG", quality=90, exif=exif.tobytes())


@pytest.fixture(scope="module")
def camera_photo() -> ProcessedPhoto:
    return process_photo(camera_jpeg())


def segments(jpeg: bytes) -> list[int]:
    """The JPEG's marker bytes up to the scan (0xE0 APP0, 0xE1 EXIF/XMP, 0xE2 ICC, 0xFE COM...)."""
    assert jpeg[:2] == b"\xff\xd8"
    found, at = [], 2
    while jpeg[at + 1] != 0xDA:
        marker, length = jpeg[at + 1], struct.unpack(">H", jpeg[at + 2 : at + 4])[0]
        found.append(marker)
        at += 2 + length
    return found


def near(pixel: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, expected, strict=True))


def opened(jpeg: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(jpeg))
    image.load()
    return image


# -- a camera photo ---------------------------------------------------------------------------


def test_a_sideways_12_mp_photo_comes_out_upright_with_its_long_edge_at_1600(
    camera_photo: ProcessedPhoto,
) -> None:
    image = opened(camera_photo.data)
    assert (camera_photo.width, camera_photo.height) == (1200, 1600)
    assert (image.format, image.mode, image.size) == ("JPEG", "RGB", (1200, 1600))


def test_the_pixels_are_turned_too_the_stored_top_left_corner_is_now_top_right(
    camera_photo: ProcessedPhoto,
) -> None:
    image = opened(camera_photo.data).convert("RGB")
    assert near(image.getpixel((1200 - 20, 20)), RED)  # type: ignore[arg-type]
    assert near(image.getpixel((20, 20)), BLUE)  # type: ignore[arg-type]
    assert near(image.getpixel((20, 1600 - 20)), BLUE)  # type: ignore[arg-type]


def test_when_and_where_come_back_as_fields(camera_photo: ProcessedPhoto) -> None:
    assert camera_photo.taken_at == datetime(2026, 11, 28, 14, 5, 9)
    assert camera_photo.gps == Gps(lat=21.8537, lon=106.7615)


def test_the_output_bytes_carry_no_exif_gps_xmp_icc_or_comment(
    camera_photo: ProcessedPhoto,
) -> None:
    image = opened(camera_photo.data)
    assert segments(camera_photo.data)[0] == 0xE0  # JFIF only
    assert [m for m in segments(camera_photo.data) if 0xE1 <= m <= 0xEF or m == 0xFE] == []
    assert dict(image.getexif()) == {}
    assert {"exif", "icc_profile", "comment", "xmp"} & set(image.info) == set()
    assert b"PhoneMaker" not in camera_photo.data


def test_a_source_jpeg_comment_and_icc_profile_are_not_copied() -> None:
    source = encode(
        Image.new("RGB", (64, 48), BLUE), "JPEG", comment=b"secret", icc_profile=b"x" * 200
    )
    processed = process_photo(source)
    assert [m for m in segments(processed.data) if 0xE1 <= m <= 0xEF or m == 0xFE] == []
    assert b"secret" not in processed.data


def test_the_register_fields_describe_the_bytes(camera_photo: ProcessedPhoto) -> None:
    assert camera_photo.sha256 == hashlib.sha256(camera_photo.data).hexdigest()
    assert camera_photo.byte_size == len(camera_photo.data)
    assert camera_photo.mime == "image/jpeg"


def test_the_thumbnail_is_an_upright_jpeg_with_a_long_edge_of_320(
    camera_photo: ProcessedPhoto,
) -> None:
    thumb = opened(camera_photo.thumbnail)
    assert (thumb.format, thumb.mode, thumb.size) == ("JPEG", "RGB", (240, 320))
    assert near(thumb.convert("RGB").getpixel((240 - 5, 5)), RED)  # type: ignore[arg-type]
    assert dict(thumb.getexif()) == {}


def test_the_cap_can_be_set_and_the_quality_changes_the_size() -> None:
    noisy = encode(Image.effect_noise((1200, 900), 40).convert("RGB"), "JPEG", quality=95)
    low, high = process_photo(noisy, max_edge=800, quality=40), process_photo(noisy, quality=90)
    assert (low.width, low.height, high.width, high.height) == (800, 600, 1200, 900)
    assert low.byte_size < high.byte_size


@pytest.mark.parametrize(
    ("size", "expected", "thumbnail"),
    [((800, 600), (800, 600), (320, 240)), ((100, 50), (100, 50), (100, 50))],
)
def test_a_small_photo_is_never_upscaled(
    size: tuple[int, int], expected: tuple[int, int], thumbnail: tuple[int, int]
) -> None:
    processed = process_photo(encode(Image.new("RGB", size, BLUE), "JPEG"))
    assert (processed.width, processed.height) == expected
    assert opened(processed.data).size == expected
    assert opened(processed.thumbnail).size == thumbnail


@pytest.mark.parametrize(
    ("orientation", "expected_size", "red_at"),
    [(1, (1600, 1200), (20, 20)), (3, (1600, 1200), (1580, 1180)), (8, (1200, 1600), (20, 1580))],
)
def test_each_orientation_puts_the_red_corner_where_the_camera_saw_it(
    orientation: int, expected_size: tuple[int, int], red_at: tuple[int, int]
) -> None:
    processed = process_photo(camera_jpeg(exif=camera_exif(orientation=orientation)))
    image = opened(processed.data).convert("RGB")
    assert image.size == expected_size
    assert near(image.getpixel(red_at), RED)  # type: ignore[arg-type]


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_orientation_is_turned_as_pillows_exif_transpose_turns_it(orientation: int) -> None:
    source = camera_jpeg((160, 120), camera_exif(orientation=orientation))
    expected = ImageOps.exif_transpose(Image.open(io.BytesIO(source))).convert("RGB")
    out = opened(process_photo(source).data).convert("RGB")
    assert out.size == expected.size
    corners = [(4, 4), (out.width - 4, 4), (4, out.height - 4), (out.width - 4, out.height - 4)]
    assert [near(out.getpixel(c), expected.getpixel(c)) for c in corners] == [True] * 4  # type: ignore[arg-type]


# -- EXIF read leniently ----------------------------------------------------------------------


def test_south_and_west_are_negative() -> None:
    exif = camera_exif(orientation=1, refs=("S", "W"))
    processed = process_photo(camera_jpeg((64, 48), exif))
    assert processed.gps == Gps(lat=-21.8537, lon=-106.7615)


@pytest.mark.parametrize(
    ("exif", "taken_at", "gps"),
    [
        (camera_exif(1, when="0000:00:00 00:00:00"), None, Gps(lat=21.8537, lon=106.7615)),
        (camera_exif(1, when="hôm qua"), None, Gps(lat=21.8537, lon=106.7615)),
        (
            camera_exif(1, lat=(IFDRational(95), IFDRational(0), IFDRational(0))),
            datetime(2026, 11, 28, 14, 5, 9),
            None,
        ),
        (
            camera_exif(1, lat=(IFDRational(21), IFDRational(1, 0), IFDRational(0))),
            datetime(2026, 11, 28, 14, 5, 9),
            None,
        ),
        (Image.Exif(), None, None),
    ],
    ids=["zero date", "words for a date", "latitude 95", "rational over zero", "no exif"],
)
def test_a_missing_or_impossible_exif_value_is_none_and_the_photo_is_kept(
    exif: Image.Exif, taken_at: datetime | None, gps: Gps | None
) -> None:
    processed = process_photo(camera_jpeg((64, 48), exif))
    assert (processed.taken_at, processed.gps, processed.width) == (taken_at, gps, 64)


# -- other inputs become plain RGB ------------------------------------------------------------


def test_a_png_with_alpha_becomes_an_rgb_jpeg_with_transparency_over_white() -> None:
    image = Image.new("RGBA", (200, 100), (0, 0, 0, 0))
    image.paste((255, 0, 0, 255), (0, 0, 100, 100))
    processed = process_photo(encode(image, "PNG"))
    out = opened(processed.data)
    assert (out.mode, out.size) == ("RGB", (200, 100))
    assert near(out.getpixel((50, 50)), RED)  # type: ignore[arg-type]
    assert near(out.getpixel((150, 50)), WHITE)  # type: ignore[arg-type]


def _palette_with_transparency() -> bytes:
    image = Image.new("P", (40, 40), 0)
    image.putpalette([0, 0, 0, 255, 0, 0])
    image.paste(1, (0, 0, 20, 40))
    return encode(image, "PNG", transparency=0)


@pytest.mark.parametrize(
    ("data", "left", "right"),
    [
        (encode(Image.new("P", (40, 40), 0), "PNG"), (0, 0, 0), (0, 0, 0)),
        (_palette_with_transparency(), RED, WHITE),
        (encode(Image.new("CMYK", (40, 40), (0, 255, 255, 0)), "JPEG"), RED, RED),
        (encode(Image.new("I;16", (40, 40), 40000), "PNG"), (156, 156, 156), (156, 156, 156)),
        (encode(Image.new("L", (40, 40), 90), "PNG"), (90, 90, 90), (90, 90, 90)),
        (encode(Image.new("1", (40, 40), 1), "PNG"), WHITE, WHITE),
        (encode(Image.new("LA", (40, 40), (0, 0)), "PNG"), WHITE, WHITE),
        (encode(Image.new("RGB", (40, 40), RED), "WEBP", quality=90), RED, RED),
        (encode(Image.new("RGBA", (40, 40), (255, 0, 0, 255)), "WEBP", lossless=True), RED, RED),
    ],
    ids=["palette", "palette+transparency", "cmyk", "16-bit grey", "grey", "1-bit", "grey+alpha",
         "webp", "webp+alpha"],
)  # fmt: skip
def test_every_kept_mode_comes_out_as_8_bit_rgb_with_the_right_colours(
    data: bytes, left: tuple[int, int, int], right: tuple[int, int, int]
) -> None:
    out = opened(process_photo(data).data)
    assert (out.mode, out.size) == ("RGB", (40, 40))
    assert near(out.getpixel((5, 20)), left)  # type: ignore[arg-type]
    assert near(out.getpixel((35, 20)), right)  # type: ignore[arg-type]


# -- refusals ---------------------------------------------------------------------------------


def _png_claiming(width: int, height: int) -> bytes:
    """A 1x1 PNG whose header (CRC fixed) claims another size: a decompression bomb's shape."""
    png = bytearray(encode(Image.new("1", (1, 1)), "PNG"))
    png[16:24] = struct.pack(">II", width, height)
    png[29:33] = struct.pack(">I", zlib.crc32(bytes(png[12:29])))
    return bytes(png)


NOT_A_PHOTO_EN = "Nothing was saved; choose a photo file."


@pytest.mark.parametrize(
    ("data", "error", "vi", "en"),
    [
        (
            b"",
            NotAnImage,
            "Tệp trống (0 byte), không phải ảnh. Chưa lưu gì; hãy chọn một tệp ảnh.",
            "The file is empty (0 bytes), not a photo. Nothing was saved; choose a photo.",
        ),
        (
            random.Random(7).randbytes(5000),
            NotAnImage,
            "Tệp này không phải ảnh (5.000 byte, không đọc được như JPEG, PNG hay WebP). "
            "Chưa lưu gì; hãy chọn một tệp ảnh.",
            "This file is not a photo (5,000 bytes that read as neither JPEG, PNG nor WebP). "
            "Nothing was saved; choose a photo file.",
        ),
        (
            "Biên bản kiểm tra.jpg: không phải ảnh\n".encode(),
            NotAnImage,
            "Tệp này không phải ảnh (48 byte, không đọc được như JPEG, PNG hay WebP). "
            "Chưa lưu gì; hãy chọn một tệp ảnh.",
            "This file is not a photo (48 bytes that read as neither JPEG, PNG nor WebP). "
            "Nothing was saved; choose a photo file.",
        ),
        (
            encode(Image.new("RGB", (40, 40), RED), "GIF"),
            UnsupportedPhotoType,
            "Chưa hỗ trợ ảnh dạng GIF; chỉ nhận JPEG, PNG hoặc WebP. "
            "Chưa lưu gì; hãy lưu ảnh dưới dạng JPEG rồi thêm lại.",
            "GIF photos are not supported; only JPEG, PNG or WebP. "
            "Nothing was saved; save the photo as JPEG and add it again.",
        ),
        (
            encode(Image.new("RGB", (40, 40), RED), "BMP"),
            UnsupportedPhotoType,
            "Chưa hỗ trợ ảnh dạng BMP; chỉ nhận JPEG, PNG hoặc WebP. "
            "Chưa lưu gì; hãy lưu ảnh dưới dạng JPEG rồi thêm lại.",
            "BMP photos are not supported; only JPEG, PNG or WebP. "
            "Nothing was saved; save the photo as JPEG and add it again.",
        ),
        (
            encode(Image.new("RGB", (40, 40), RED), "TIFF"),
            UnsupportedPhotoType,
            "Chưa hỗ trợ ảnh dạng TIFF; chỉ nhận JPEG, PNG hoặc WebP. "
            "Chưa lưu gì; hãy lưu ảnh dưới dạng JPEG rồi thêm lại.",
            "TIFF photos are not supported; only JPEG, PNG or WebP. "
            "Nothing was saved; save the photo as JPEG and add it again.",
        ),
        (
            b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic",
            UnsupportedPhotoType,
            "Chưa hỗ trợ ảnh dạng HEIC; chỉ nhận JPEG, PNG hoặc WebP. "
            "Chưa lưu gì; hãy lưu ảnh dưới dạng JPEG rồi thêm lại.",
            "HEIC photos are not supported; only JPEG, PNG or WebP. "
            "Nothing was saved; save the photo as JPEG and add it again.",
        ),
        (
            camera_jpeg((64, 48))[:700],
            PhotoTruncated,
            "Ảnh JPEG bị cụt hoặc hỏng (700 byte): tệp chưa được chép hết. "
            "Chưa lưu gì; hãy chép lại hoặc chụp lại ảnh.",
            "The JPEG photo is cut short or damaged (700 bytes): the file was not copied "
            "completely. Nothing was saved; copy or take it again.",
        ),
        (
            _png_claiming(100_000, 100_000),
            PhotoTooManyPixels,
            "Ảnh có quá nhiều điểm ảnh: 10.000,0 megapixel, giới hạn 50,0 megapixel. "
            "Chưa lưu gì; hãy chụp ảnh nhỏ hơn.",
            "The photo has too many pixels: 10,000.0 megapixels, the limit is 50.0 megapixels. "
            "Nothing was saved; take a smaller picture.",
        ),
    ],
    ids=["empty", "random bytes", "a text file", "gif", "bmp", "tiff", "heic", "truncated jpeg",
         "bomb"],
)  # fmt: skip
def test_each_refusal_says_why_in_vietnamese_and_english(
    data: bytes, error: type[PhotoError], vi: str, en: str
) -> None:
    with pytest.raises(error) as refused:
        process_photo(data)
    assert (str(refused.value), refused.value.message("vi"), refused.value.message("en")) == (
        vi,
        vi,
        en,
    )


def test_a_file_over_the_byte_limit_is_refused_before_it_is_decoded() -> None:
    with pytest.raises(PhotoFileTooLarge) as refused:
        process_photo(b"\xff\xd8\xff" + bytes(MAX_BYTES + 4_999_997))
    assert (refused.value.size, refused.value.limit) == (25_971_520, 20_971_520)
    assert refused.value.message() == (
        "Ảnh quá lớn: 26,0 MB, giới hạn 21,0 MB. Chưa lưu gì; hãy chụp lại ở độ phân giải thấp hơn."
    )
    assert refused.value.message("en") == (
        "The photo is too large: 26.0 MB, the limit is 21.0 MB. "
        "Nothing was saved; take it at a lower resolution."
    )


def test_the_byte_limit_is_the_stores() -> None:
    assert MAX_BYTES == PhotoStore.max_bytes


@pytest.mark.parametrize(
    ("size", "pixels"),
    [((8000, 8000), 64_000_000), ((10_000, 10_000), 100_000_000), ((10**5, 10**5), 10**10)],
    ids=["over our limit", "where Pillow only warns", "where Pillow raises"],
)
def test_a_decompression_bomb_is_refused_fast_without_a_warning(
    size: tuple[int, int], pixels: int, recwarn: pytest.WarningsRecorder
) -> None:
    started = time.perf_counter()
    with pytest.raises(PhotoTooManyPixels) as refused:
        process_photo(_png_claiming(*size))
    assert time.perf_counter() - started < 0.5
    assert (refused.value.pixels, refused.value.limit) == (pixels, 50_000_000)
    assert [w.message for w in recwarn] == []


def test_a_real_highly_compressible_bomb_is_refused_before_decoding() -> None:
    bomb = encode(Image.new("L", (8000, 7000), 0), "PNG", optimize=True)
    assert len(bomb) < 100_000
    with pytest.raises(PhotoTooManyPixels) as refused:
        process_photo(bomb)
    assert refused.value.pixels == 56_000_000


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9, 0.99])
@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_photo_cut_short_is_refused_not_filled_with_grey(fmt: str, fraction: float) -> None:
    whole = encode(Image.effect_noise((300, 200), 50).convert("RGB"), fmt)
    with pytest.raises(PhotoTruncated):
        process_photo(whole[: int(len(whole) * fraction)])
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_damaged_bytes_give_a_photo_or_a_photo_error_never_anything_else(fmt: str) -> None:
    whole = encode(Image.effect_noise((120, 80), 50).convert("RGB"), fmt)
    rng = random.Random(fmt)
    for _ in range(150):
        damaged = bytearray(whole)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        try:
            processed = process_photo(bytes(damaged))
        except PhotoError:
            continue
        assert opened(processed.data).mode == "RGB"


def test_a_damaged_exif_block_loses_its_fields_but_never_the_photo() -> None:
    whole = camera_jpeg((64, 48))
    start = whole.index(b"Exif\x00\x00")
    end = start + struct.unpack(">H", whole[start - 2 : start])[0] - 2
    rng = random.Random(11)
    for _ in range(200):
        damaged = bytearray(whole)
        for _ in range(rng.randint(1, 6)):
            damaged[rng.randrange(start + 6, end)] = rng.randrange(256)
        processed = process_photo(bytes(damaged))
        assert opened(processed.data).size in {(64, 48), (48, 64)}


def test_a_large_palette_image_is_smoothed_when_scaled_down_not_just_sampled() -> None:
    stripes = Image.new("P", (3200, 400), 0)
    stripes.putpalette([0, 0, 0, 255, 255, 255])
    for x in range(0, 3200, 2):
        stripes.paste(1, (x, 0, x + 1, 400))
    out = opened(process_photo(encode(stripes, "PNG")).data).convert("L")
    assert out.size == (1600, 200)
    assert 100 <= out.getpixel((800, 100)) <= 155  # type: ignore[operator]


@pytest.mark.parametrize(("max_edge", "quality"), [(0, 85), (1600, 0), (1600, 96)])
def test_a_cap_under_1_or_a_quality_outside_1_to_95_is_a_programming_error(
    max_edge: int, quality: int
) -> None:
    with pytest.raises(ValueError):
        process_photo(b"", max_edge=max_edge, quality=quality)
