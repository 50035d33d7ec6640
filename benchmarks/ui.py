"""Python-side time of the handlers behind the commonest taps, on a 100-criterion record with 3
authors: score a criterion, open a section, open a visit, switch member. Target: p95 <= 50 ms.

Usage: uv run python benchmarks/ui.py [--samples 60] [--dir PATH]

What is timed is what the screen awaits after the tap (the view-model's coroutine, store I/O in
its worker thread included): `CriterionViewModel.set_value` (read, edit, atomic save, re-score),
`VisitViewModel.load` for opening a section (the section screen reads through the visit's
view-model) and for opening the visit, and switching member (a new `VisitViewModel` for the
other member, loaded). Flet's own diffing and the network to the browser are not included.
The template is built here (10 sections x 10 status-scored criteria, 1,000 points); the store
is a real `InspectionStore` in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

from checklists.record.model import Assessment, Header, Inspection, Member, Role
from checklists.template.model import (
    Criterion,
    RatingBand,
    Section,
    Status,
    StatusScoring,
    Template,
)
from inspect_app.store import InspectionStore
from inspect_app.viewmodels.criterion import CriterionViewModel
from inspect_app.viewmodels.visit import VisitViewModel

TARGET_P95_MS = 50.0
AUTHORS = ("m1", "m2", "m3")
RECORD_ID = "00000000-0000-4000-8000-00000000b100"
NOTE = (
    "Bộ phận một cửa niêm yết đầy đủ thủ tục hành chính, có hòm thư góp ý và số điện thoại "
    "đường dây nóng; cán bộ tiếp dân đúng giờ, thái độ niềm nở."
)


def template() -> Template:
    """Ten sections of ten status-scored criteria: 100 criteria, 1,000 points."""
    sections = tuple(
        Section(
            id=f"S{s}",
            title=f"Phần {s}",
            max_points=100,
            criteria=tuple(
                Criterion(
                    id=f"S{s}C{c}",
                    label=f"Tiêu chí {s}.{c}: nội dung kiểm tra",
                    max_points=10,
                    scoring=StatusScoring(),
                )
                for c in range(1, 11)
            ),
        )
        for s in range(10)
    )
    return Template(
        id="bench-ui-100",
        version=1,
        title="Mẫu đo giao diện 100 tiêu chí",
        programme="Đo hiệu năng",
        total_points=1000,
        sections=sections,
        rating_bands=(
            RatingBand(code="tot", label="Tốt", min=800),
            RatingBand(code="kha", label="Khá", min=600, max=800),
            RatingBand(code="dat", label="Đạt", min=0, max=600),
        ),
    )


TEMPLATE = template()


def resolve(template_id: str, version: int) -> Template:
    return TEMPLATE


def record(rng: random.Random) -> Inspection:
    """Every criterion scored by all three members, each with a note."""
    counter = 0
    assessments: dict[str, dict[str, Assessment]] = {}
    for criterion in TEMPLATE.criteria():
        by_author = {}
        for author in AUTHORS:
            counter += 1
            by_author[author] = Assessment(
                criterion_id=criterion.id,
                author_id=author,
                counter=counter,
                status=rng.choice(list(Status)),
                note=NOTE,
            )
        assessments[criterion.id] = by_author
    return Inspection(
        id=RECORD_ID,
        template_id=TEMPLATE.id,
        template_version=TEMPLATE.version,
        template_hash=TEMPLATE.content_hash(),
        leader_id="m1",
        header=Header(
            unit_name="Xã đo hiệu năng",
            inspection_date=date(2024, 5, 6),
            author_id="m1",
            counter=1,
        ),
        members={
            a: Member(
                id=a,
                name=f"Thành viên {a}",
                role=Role.TRUONG_DOAN if a == "m1" else Role.THANH_VIEN,
                author_id="m1",
                counter=1,
            )
            for a in AUTHORS
        },
        assessments=assessments,
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def timed(samples: int, action: Callable[[int], Awaitable[None]]) -> list[float]:
    """Milliseconds per call of `action(i)`, after two warm-up calls."""
    for i in range(2):
        await action(i)
    out = []
    for i in range(samples):
        start = time.perf_counter()
        await action(i)
        out.append((time.perf_counter() - start) * 1000)
    return out


async def run(store: InspectionStore, samples: int, rng: random.Random) -> dict[str, list[float]]:
    criteria = TEMPLATE.criteria()
    results: dict[str, list[float]] = {}

    async def score(i: int) -> None:
        criterion = criteria[rng.randrange(len(criteria))]
        vm = CriterionViewModel(
            store=store, inspection_id=RECORD_ID, criterion_id=criterion.id, member_id="m2"
        )
        await vm.load()  # the screen is open before the tap
        start = time.perf_counter()
        await vm.set_value(status=rng.choice(list(Status)))
        score_times.append((time.perf_counter() - start) * 1000)
        if vm.error:
            raise RuntimeError(vm.error)

    score_times: list[float] = []
    for i in range(samples + 2):
        await score(i)
    results["score a criterion (set_value)"] = score_times[2:]

    async def open_visit(i: int) -> None:
        vm = VisitViewModel(store=store, inspection_id=RECORD_ID, member_id="m1")
        await vm.load()
        if vm.status != "ready":
            raise RuntimeError(vm.error)

    results["open a visit (VisitViewModel.load)"] = await timed(samples, open_visit)

    async def open_section(i: int) -> None:
        vm = VisitViewModel(store=store, inspection_id=RECORD_ID, member_id="m1")
        await vm.load()
        if vm.section(f"S{i % 10}") is None:
            raise RuntimeError("section missing")

    results["open a section (VisitViewModel.load + section)"] = await timed(samples, open_section)

    async def switch_member(i: int) -> None:
        vm = VisitViewModel(store=store, inspection_id=RECORD_ID, member_id=AUTHORS[i % 3])
        await vm.load()
        if vm.member_name != f"Thành viên {AUTHORS[i % 3]}":
            raise RuntimeError("wrong member")

    results["switch member (new VisitViewModel.load)"] = await timed(samples, switch_member)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=60)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    root = args.dir or Path(tempfile.mkdtemp(prefix="bench-ui-"))
    rng = random.Random(6)
    try:
        with InspectionStore.open(root / "store", templates=resolve) as store:
            store.save(record(rng))
            results = asyncio.run(run(store, args.samples, rng))
    finally:
        if args.dir is None:
            shutil.rmtree(root, ignore_errors=True)
    failed = False
    print(f"100 criteria x 3 authors, {args.samples} samples per action, target p95 <= 50 ms")
    print(f"{'action':<50} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  verdict")
    for action, times in results.items():
        p50, p95 = statistics.median(times), percentile(times, 0.95)
        verdict = "PASS" if p95 <= TARGET_P95_MS else "FAIL"
        failed |= verdict == "FAIL"
        print(f"{action:<50} {p50:8.1f} {p95:8.1f} {max(times):8.1f}  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
