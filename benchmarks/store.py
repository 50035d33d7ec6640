"""Store latency at 10, 100 and 1,000 inspections: one saved assessment, the list, vs stock TinyDB.

Usage: uv run python benchmarks/store.py [--sizes 10 100 1000] [--samples 100] [--dir PATH]

Each inspection has 60 criteria x 3 authors with notes of 100-200 Vietnamese characters (about
the size of a finished field inspection). Stock = tinydb's default JSONStorage, one file holding
every inspection as a document: what a plain TinyDB app would do.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from tinydb import Query, TinyDB

from checklists.record.editing import assess
from checklists.record.model import Assessment, Header, Inspection, Member, Role, Value
from checklists.template.model import (
    Criterion,
    RatingBand,
    Section,
    Status,
    StatusScoring,
    Template,
)
from inspect_app.store import InspectionStore

SENTENCES = (
    "Bộ phận một cửa niêm yết đầy đủ thủ tục hành chính, có hòm thư góp ý và số điện thoại "
    "đường dây nóng; cán bộ tiếp dân đúng giờ, thái độ niềm nở, hướng dẫn tận tình. Hồ sơ "
    "giải quyết đúng hạn đạt tỷ lệ cao, không có đơn thư khiếu nại vượt cấp trong năm. "
)
AUTHORS = ("m1", "m2", "m3")


def synthetic_template() -> Template:
    """Six sections of ten status-scored criteria (60 in all), 600 points."""
    sections = tuple(
        Section(
            id=f"S{s}",
            title=f"Phần {s}",
            max_points=100,
            criteria=tuple(
                Criterion(
                    id=f"S{s}.C{c}",
                    label=f"Tiêu chí {s}.{c}",
                    max_points=10,
                    scoring=StatusScoring(),
                )
                for c in range(1, 11)
            ),
        )
        for s in range(1, 7)
    )
    bands = (
        RatingBand(code="tot", label="Tốt", min=480),
        RatingBand(code="kha", label="Khá", min=360, max=480),
        RatingBand(code="dat", label="Đạt", min=0, max=360),
    )
    return Template(
        id="bench-60",
        version=1,
        title="Mẫu đo hiệu năng 60 tiêu chí",
        programme="Đo hiệu năng",
        total_points=600,
        sections=sections,
        rating_bands=bands,
    )


TEMPLATE = synthetic_template()


def resolve(template_id: str, version: int) -> Template:
    return TEMPLATE


def note(rng: random.Random) -> str:
    start = rng.randrange(len(SENTENCES) // 2)
    return (SENTENCES * 2)[start : start + rng.randint(100, 200)]


def inspection(n: int, rng: random.Random) -> Inspection:
    """A finished inspection: every criterion assessed by all three members, with notes."""
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
                note=note(rng),
            )
        assessments[criterion.id] = by_author
    return Inspection(
        id=f"{n:08x}-0000-4000-8000-{rng.getrandbits(48):012x}",
        template_id=TEMPLATE.id,
        template_version=TEMPLATE.version,
        template_hash=TEMPLATE.content_hash(),
        leader_id="m1",
        header=Header(
            unit_name=f"Xã số {n}",
            inspection_date=date(2023, 1, 1) + timedelta(days=n % 700),
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


def edit(insp: Inspection, rng: random.Random) -> Inspection:
    """What the app does when an inspector scores one criterion."""
    criterion = rng.choice(TEMPLATE.criteria())
    value = Value(status=rng.choice(list(Status)))
    return assess(
        insp, author_id=rng.choice(AUTHORS), criterion_id=criterion.id, value=value, note=note(rng)
    )


def timed(
    fn: Callable[..., object], samples: int, setup: Callable[[], object] | None = None
) -> list[float]:
    """Milliseconds per call of `fn` (given what `setup` returned, untimed, when there is one)."""
    out = []
    for _ in range(samples):
        args = () if setup is None else (setup(),)
        start = time.perf_counter()
        fn(*args)
        out.append((time.perf_counter() - start) * 1000)
    return out


def p(values: list[float], q: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]
        if len(values) > 1
        else values[0]
    )


def fsync_baseline(folder: Path, samples: int = 50) -> list[float]:
    """What one small write + fsync costs on this disk right now (the floor under every save)."""
    path = folder / "fsync-probe"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT)
    try:

        def once() -> None:
            os.write(fd, b"x" * 1024)
            os.fsync(fd)

        return timed(once, samples)
    finally:
        os.close(fd)
        path.unlink()


def fill_store(store: InspectionStore, ids: list[str], size: int) -> None:
    """Save inspections through the store (the real format, durably) until it holds `size`."""
    while len(ids) < size:
        n = len(ids)
        ids.append(inspection(n, random.Random(n)).id)
        store.save(inspection(n, random.Random(n)))


def measure_store(store: InspectionStore, ids: list[str], samples: int) -> dict[str, list[float]]:
    rng = random.Random(len(ids))

    def get_modify_save() -> None:
        # The app's path: load the stored copy, apply the edit, save, under the store's lock.
        store.edit(rng.choice(ids), lambda record: edit(record, rng))

    def edited() -> Inspection:
        # Made from the stored copy, as the app's edit path does (an edit from a stale copy by
        # the same author is refused: StaleEdit).
        return edit(store.get(rng.choice(ids)), rng)

    return {
        "get+modify+save": timed(get_modify_save, samples),
        "save alone": timed(store.save, samples, setup=edited),
        "list summaries": timed(store.list_summaries, samples),
    }


def write_stock_file(path: Path, size: int) -> None:
    """The same inspections as documents of one stock TinyDB file, in JSONStorage's own format."""
    table = {
        str(n + 1): {
            "id": (r := inspection(n, random.Random(n))).id,
            "record": r.model_dump(mode="json"),
        }
        for n in range(size)
    }
    with path.open("w", encoding="utf-8") as f:
        json.dump({"_default": table}, f)


def measure_stock(path: Path, size: int, samples: int) -> dict[str, list[float]]:
    rng = random.Random(size)
    with TinyDB(path) as db:

        def get_modify_save() -> None:
            doc_id = rng.randrange(size) + 1
            doc = db.get(doc_id=doc_id)
            new = edit(Inspection.model_validate(doc["record"]), rng)
            db.update({"record": new.model_dump(mode="json")}, doc_ids=[doc_id])

        first = db.get(Query().id == inspection(0, random.Random(0)).id)
        record = edit(Inspection.model_validate(first["record"]), rng).model_dump(mode="json")
        return {
            "get+modify+save": timed(get_modify_save, samples),
            "save alone": timed(
                lambda: db.update({"record": record}, doc_ids=[first.doc_id]), samples
            ),
        }


def open_ms(folder: Path) -> float:
    start = time.perf_counter()
    InspectionStore.open(folder, templates=resolve).close()
    return (time.perf_counter() - start) * 1000


def check(label: str, ok: bool, detail: str) -> bool:
    print(f"  {'PASS' if ok else 'FAIL'}  {label}: {detail}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument(
        "--dir", type=Path, default=None, help="where to build (default: a temp dir)"
    )
    args = parser.parse_args()
    root = args.dir or Path(tempfile.mkdtemp(prefix="bench-store-"))
    root.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    base = fsync_baseline(root)
    print(
        f"data in {root}; write+fsync of 1 KB on this disk now: "
        f"p50 {p(base, 50):.2f} ms, p95 {p(base, 95):.2f} ms"
    )
    results: dict[int, dict[str, list[float]]] = {}
    stock: dict[int, dict[str, list[float]]] = {}
    ids: list[str] = []
    with InspectionStore.open(root / "store", templates=resolve) as store:
        for size in sorted(args.sizes):
            t0 = time.perf_counter()
            fill_store(store, ids, size)
            results[size] = measure_store(store, ids, args.samples)
            record_kb = (root / "store" / "inspections" / f"{ids[0]}.json").stat().st_size / 1024
            stock_path = root / f"stock-{size}.json"
            write_stock_file(stock_path, size)
            stock[size] = measure_stock(stock_path, size, max(8, min(args.samples, 3000 // size)))
            stock_mb = stock_path.stat().st_size / 2**20
            stock_path.unlink()
            print(
                f"built and measured {size} inspections in {time.perf_counter() - t0:.1f} s "
                f"(record file {record_kb:.0f} KB; stock file {stock_mb:.1f} MB)"
            )
    print(f"open with {len(ids)} stored: {open_ms(root / 'store'):.0f} ms; ", end="")
    (root / "store" / "index.jsonl").unlink()
    print(f"after deleting the index (full rebuild): {open_ms(root / 'store'):.0f} ms")
    print(
        f"\n{'stored':>7} {'operation':<18} {'store p50':>10} {'store p95':>10} "
        f"{'stock p50':>10} {'stock p95':>10} {'ratio p50':>10}"
    )
    for size in sorted(args.sizes):
        for op, values in results[size].items():
            row = f"{size:>7} {op:<18} {p(values, 50):>10.2f} {p(values, 95):>10.2f}"
            if op in stock[size]:
                s = stock[size][op]
                row += f" {p(s, 50):>10.2f} {p(s, 95):>10.2f} {p(s, 50) / p(values, 50):>9.0f}x"
            print(row)
    print("(ms; ratio = stock p50 / store p50)")
    small, large = min(args.sizes), max(args.sizes)
    print("\nTargets:")
    ok = True
    for op in ("save alone", "get+modify+save"):
        worst = max(p(results[s][op], 95) for s in args.sizes)
        ok &= check(f"{op} p95 <= 15 ms", worst <= 15, f"worst p95 {worst:.2f} ms")
        growth = p(results[large][op], 95) / p(results[small][op], 95)
        ok &= check(
            f"{op} flat", growth <= 1.5, f"p95 at {large} = {growth:.2f} x p95 at {small} (<= 1.5)"
        )
        ratio = p(stock[large][op], 50) / p(results[large][op], 50)
        ok &= check(f"{op} >= 20x faster than stock at {large}", ratio >= 20, f"{ratio:.0f}x")
    listing = p(results[large]["list summaries"], 95)
    ok &= check(f"list {large} summaries p95 <= 50 ms", listing <= 50, f"{listing:.2f} ms")
    print(f"\n{'ALL PASS' if ok else 'SOME FAIL'} in {time.perf_counter() - started:.0f} s")
    if args.dir is None:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
