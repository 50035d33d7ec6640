"""Render the seed sample's three documents in both layouts to DOCX, PDF and PNG, for looking at.

Usage: uv run python benchmarks/render_documents.py [--out artifacts/documents] [--dpi 60]
       [--lang vi|en|both]   (English goes to en-state/ and en-party/)

Needs LibreOffice (`libreoffice --headless`) and poppler's `pdftoppm` on the PATH (Debian:
`apt-get install -y libreoffice-writer-nogui poppler-utils`); without them it writes the DOCX
files only. No test depends on this script. The sample gets four evidence photos (drawn here
with Pillow), one of them left out of the report, so the appendix shows what it filters.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image, ImageDraw

from checklists.documents.writer import write_documents
from checklists.record.model import Inspection, Layout, Photo
from checklists.record.photos import add_photo
from checklists.record.sample import LEAD, MEMBER_2, build_sample_inspection, with_sample_documents
from checklists.template.catalog import get_template
from checklists.text.labels import Lang

PHOTOS = (
    ("C4", "Bộ phận một cửa phường Vĩnh Trại: ghế chờ, hộp thư góp ý", (70, 120, 170), True),
    ("C1", "Bảng niêm yết thủ tục hành chính có mã QR", (160, 110, 60), True),
    ("", "Đoàn kiểm tra làm việc với Đảng ủy, UBND phường", (90, 140, 90), True),
    ("B2", "Ảnh trùng, không đưa vào báo cáo", (120, 120, 120), False),
)


def photo_bytes(colour: tuple[int, int, int], text: str) -> bytes:
    image = Image.new("RGB", (640, 480), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 620, 460), outline=(255, 255, 255), width=6)
    draw.text((40, 220), text[:60], fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def sample_with_photos(layout: Layout) -> tuple[Inspection, dict[str, bytes]]:
    record = with_sample_documents(build_sample_inspection(), layout)
    store: dict[str, bytes] = {}
    for n, (criterion, caption, colour, include) in enumerate(PHOTOS):
        data = photo_bytes(colour, caption)
        sha = hashlib.sha256(data).hexdigest()
        store[sha] = data
        record = add_photo(
            record,
            author_id=MEMBER_2 if criterion else LEAD,
            sha256=sha,
            criterion_id=criterion,
            caption=caption,
            taken_at=datetime(2023, 11, 24, 2 + n, 15, tzinfo=UTC),
            include_in_report=include,
        )
    return record, store


def render(out: Path, dpi: int, langs: tuple[Lang, ...]) -> None:
    template = get_template("cqtt-xa", 1)
    for lang, layout in ((lang, layout) for lang in langs for layout in Layout):
        folder = out / (layout.value if lang == "vi" else f"{lang}-{layout.value}")
        shutil.rmtree(folder, ignore_errors=True)
        record, store = sample_with_photos(layout)

        def reader(photo: Photo, store: dict[str, bytes] = store) -> bytes | None:
            return store.get(photo.sha256)

        paths = write_documents(record, template, layout, reader, folder, lang=lang)
        if not (shutil.which("libreoffice") and shutil.which("pdftoppm")):
            print(f"{folder.name}: DOCX only (no libreoffice/pdftoppm)")  # noqa: T201
            continue
        for path in paths.values():
            subprocess.run(
                ["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                 str(path)],
                check=True, capture_output=True, timeout=180,
            )  # fmt: skip
            pdf = path.with_suffix(".pdf")
            stem = folder / path.stem.split("-5e3d")[0]
            subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(stem)], check=True)
        print(f"{folder.name}: {sorted(p.name for p in folder.glob('*.png'))}")  # noqa: T201


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("artifacts/documents"))
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument(
        "--lang", choices=("vi", "en", "both"), default="both", help="language of the documents"
    )
    args = parser.parse_args()
    langs: tuple[Lang, ...] = ("vi", "en") if args.lang == "both" else (args.lang,)
    render(args.out, args.dpi, langs)


if __name__ == "__main__":
    main()
