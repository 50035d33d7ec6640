"""Time to draft the conclusion and write the three documents for a 100-criterion record.

Usage: uv run python benchmarks/documents.py [--runs 5] [--photos 30] [--target 2.0]

The record: 10 sections x 10 criteria (points, every third with two figures), scored by two
members with notes, one disagreement settled per section, self-scores, 30 photos of which 25
are marked for the report; photo bytes are 400x300 JPEG thumbnails held in memory (what the
app's thumbnail reader returns). Measured: `draft()` plus `write_documents()` to a temp folder,
the median of the runs; the target is the issue's (<= 2 s on this machine).
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from PIL import Image, ImageDraw

from checklists.conclusion.draft import draft
from checklists.documents.writer import write_documents
from checklists.record.editing import assess, decide, new_inspection, set_self_score
from checklists.record.model import Inspection, Layout, Photo, Role, Value
from checklists.record.photos import add_photo
from checklists.template.model import (
    Criterion,
    Figure,
    PointsScoring,
    RatingBand,
    Section,
    Template,
)

LEAD, MEMBER = "lead", "member"


def template() -> Template:
    sections = []
    for s in range(10):
        criteria = []
        for c in range(10):
            figures = (
                (
                    Figure(id="received", label="Số hồ sơ tiếp nhận", unit="hồ sơ", integer=True),
                    Figure(id="rate", label="Tỷ lệ đúng hạn", unit="%"),
                )
                if c % 3 == 0
                else ()
            )
            criteria.append(
                Criterion(
                    id=f"S{s}C{c}",
                    label=f"Tiêu chí {s}.{c}: thực hiện nhiệm vụ được giao đúng quy định",
                    max_points=1,
                    scoring=PointsScoring(step=0.25),
                    figures=figures,
                    recommendation=f"Khắc phục hạn chế của tiêu chí {s}.{c}.",
                )
            )
        sections.append(
            Section(id=f"S{s}", title=f"Nhóm tiêu chí {s}", max_points=10, criteria=tuple(criteria))
        )
    return Template(
        id="bench-100",
        version=1,
        title="Bộ tiêu chí thử 100 tiêu chí",
        programme="Đề án thử",
        total_points=100,
        sections=tuple(sections),
        rating_bands=(
            RatingBand(code="tot", label="Tốt", min=90),
            RatingBand(code="kha", label="Khá", min=70, max=90),
            RatingBand(code="tb", label="Trung bình", min=0, max=70),
        ),
    )


def thumbnail(n: int) -> bytes:
    image = Image.new("RGB", (400, 300), (40 + n * 6 % 200, 90, 140))
    ImageDraw.Draw(image).text((20, 140), f"Ảnh {n}", fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=75)
    return out.getvalue()


def record(t: Template, photos: int) -> tuple[Inspection, dict[str, bytes]]:
    ins = new_inspection(
        t,
        {
            "unit_name": "Phường Thử",
            "inspection_date": date(2024, 5, 6),
            "lead_body": "Sở Nội vụ tỉnh Thử",
        },
        members=[
            {"id": LEAD, "name": "Nguyễn Văn A", "role": Role.TRUONG_DOAN},
            {"id": MEMBER, "name": "Trần Thị B"},
        ],
    )
    for i, c in enumerate(t.criteria()):
        score = 1.0 if i % 7 else 0.5
        value = Value(score=score, figures={"received": 100 + i, "rate": 97.5} if c.figures else {})
        ins = assess(ins, author_id=LEAD, criterion_id=c.id, value=value, note=f"Ghi chú {i}.")
        other = value if i % 10 else Value(score=0.75, figures=dict(value.figures))
        ins = assess(ins, author_id=MEMBER, criterion_id=c.id, value=other, note=f"Nhận xét {i}.")
        if i % 10 == 0:
            ins = decide(ins, author_id=LEAD, criterion_id=c.id, value=value, reason="Thống nhất.")
        ins = set_self_score(ins, author_id=LEAD, criterion_id=c.id, points=1)
    store: dict[str, bytes] = {}
    for n in range(photos):
        data = thumbnail(n)
        sha = f"{n:064x}"
        store[sha] = data
        ins = add_photo(
            ins,
            author_id=MEMBER,
            sha256=sha,
            criterion_id=t.criteria()[n * 3].id,
            caption=f"Ảnh minh chứng {n + 1}",
            taken_at=datetime(2024, 5, 6, 2, n, tzinfo=UTC),
            include_in_report=n % 6 != 5,
        )
    return ins, store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--photos", type=int, default=30)
    parser.add_argument("--target", type=float, default=2.0)
    args = parser.parse_args()
    t = template()
    ins, store = record(t, args.photos)

    def reader(photo: Photo) -> bytes | None:
        return store.get(photo.sha256)

    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            start = time.perf_counter()
            draft(ins, t)
            paths = write_documents(ins, t, Layout.STATE, reader, Path(tmp) / str(run))
            times.append(time.perf_counter() - start)
        sizes = {k.value: p.stat().st_size // 1024 for k, p in paths.items()}
    median = statistics.median(times)
    verdict = "PASS" if median <= args.target else "FAIL"
    print(  # noqa: T201
        f"draft + 3 documents, {len(t.criteria())} criteria, {args.photos} photos: "
        f"median {median:.2f} s (min {min(times):.2f}, max {max(times):.2f}, {args.runs} runs); "
        f"sizes KiB {sizes}; target <= {args.target:.1f} s: {verdict}"
    )


if __name__ == "__main__":
    main()
