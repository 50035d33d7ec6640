"""Cross-field rules within one criterion (figures, fractions, step, score bands) and for ranges."""

from __future__ import annotations

import math
from collections.abc import Iterable

from checklists.errors import Problem
from checklists.template.messages import item_path
from checklists.template.model import STATUS_LABELS, Criterion, ScoreBand, Status
from checklists.text.format import format_number

__all__ = ["check_criterion", "check_ranges", "duplicates", "is_multiple", "unreachable"]


def is_multiple(value: float, step: float) -> bool:
    """Whether `value` is reached in whole steps (within float noise)."""
    ratio = value / step
    return math.isclose(ratio, round(ratio), abs_tol=1e-9)


def unreachable(path: str, max_points: float, step: float) -> Problem:
    """The problem of a maximum that whole steps never reach."""
    return Problem(
        path,
        f"điểm tối đa {format_number(max_points)} không phải bội số của bước chấm "
        f"{format_number(step)} nên không thể chấm đủ điểm tối đa; "
        "hãy chọn bước chấm chia hết điểm tối đa",
    )


def duplicates(entries: Iterable[tuple[str, str]], what: str) -> list[Problem]:
    """A problem at every (key, path) whose key was seen before; `what` says what must be unique."""
    seen: dict[str, str] = {}
    problems = []
    for key, path in entries:
        if key in seen:
            problems.append(Problem(path, f"mã “{key}” bị trùng với {seen[key]}; {what}"))
        else:
            seen[key] = path.rsplit(".", 1)[0]
    return problems


def check_criterion(c: Criterion, where: str) -> list[Problem]:
    """Problems of one criterion; `where` is its path, e.g. `sections[0] (A).criteria[2] (A3)`."""
    problems = _check_figures(c, where) + _check_flags(c, where)
    scoring = c.scoring
    if scoring.kind == "info":
        if c.max_points != 0:
            message = (
                "tiêu chí chỉ ghi nhận số liệu (info) phải có điểm tối đa 0, "
                f"đang là {format_number(c.max_points)}"
            )
            problems.append(Problem(f"{where}.max_points", message))
        return problems
    if c.max_points <= 0:
        message = f"tiêu chí chấm điểm (kind “{scoring.kind}”) phải có điểm tối đa lớn hơn 0"
        return [*problems, Problem(f"{where}.max_points", message)]
    if scoring.kind == "points" and not is_multiple(c.max_points, scoring.step):
        problems.append(unreachable(f"{where}.max_points", c.max_points, scoring.step))
    if scoring.kind == "status":
        problems += _check_fractions(dict(scoring.fractions), f"{where}.scoring.fractions")
    if scoring.kind == "bands":
        figure_ids = [f.id for f in c.figures]
        if scoring.figure not in figure_ids:
            known = ", ".join(figure_ids) or "(chưa khai báo số liệu nào)"
            message = (
                f"không có số liệu “{scoring.figure}” trong tiêu chí này; "
                f"các số liệu hiện có: {known}"
            )
            problems.append(Problem(f"{where}.scoring.figure", message))
        path = f"{where}.scoring"
        ranges = [
            (item_path(f"{path}.bands", k), b.min, b.max) for k, b in enumerate(scoring.bands)
        ]
        problems += check_ranges(ranges, "khoảng điểm", f"{path}.bands")
        for (band_path, _, _), band in zip(ranges, scoring.bands, strict=True):
            if band.points > c.max_points:
                message = (
                    f"điểm {format_number(band.points)} vượt quá điểm tối đa "
                    f"{format_number(c.max_points)} của tiêu chí"
                )
                problems.append(Problem(f"{band_path}.points", message))
        problems += _beyond_percent(c, scoring.figure, ranges, scoring.bands)
        best = max((b.points for b in scoring.bands), default=0.0)
        if scoring.bands and best < c.max_points:
            message = (
                f"khoảng cao nhất chỉ cho {format_number(best)} điểm nên không thể đạt điểm tối đa "
                f"{format_number(c.max_points)}; điểm của khoảng cao nhất phải bằng điểm tối đa"
            )
            problems.append(Problem(f"{path}.bands", message))
    return problems


def _beyond_percent(
    c: Criterion,
    figure_id: str,
    ranges: list[tuple[str, float, float | None]],
    bands: tuple[ScoreBand, ...],
) -> list[Problem]:
    """Bands on a percentage that start above 100 %: no value can ever fall in them."""
    figure = next((f for f in c.figures if f.id == figure_id), None)
    if figure is None or not (figure.unit == "%" or figure.rate_of is not None):
        return []
    problems = []
    for (path, low, _), band in zip(ranges, bands, strict=True):
        if math.isfinite(low) and low > 100:
            message = (
                f"khoảng bắt đầu từ {format_number(low)}% nhưng “{figure.label}” "
                f"là tỷ lệ phần trăm, không vượt quá 100%, nên {format_number(band.points)} "
                "điểm của khoảng này không bao giờ đạt được"
            )
            if band.points >= c.max_points:
                message += f" (tiêu chí không thể đạt điểm tối đa {format_number(c.max_points)})"
            problems.append(Problem(f"{path}.min", message))
    return problems


def _check_flags(c: Criterion, where: str) -> list[Problem]:
    """Evidence rules and marks that can never apply to this kind of criterion."""
    problems = []
    kind = c.scoring.kind
    if c.evidence.photo_required_when_no and kind != "yes_no":
        message = (
            f"quy định ảnh khi trả lời “Không” chỉ dùng cho tiêu chí Có/Không (kind “yes_no”); "
            f"tiêu chí này chấm theo kind “{kind}” nên quy định không bao giờ áp dụng"
        )
        problems.append(Problem(f"{where}.evidence.photo_required_when_no", message))
    if c.evidence.photo_required_below_max and kind == "info":
        message = (
            "tiêu chí chỉ ghi nhận số liệu (info) không có điểm nên quy định ảnh khi chưa đạt "
            "điểm tối đa không bao giờ áp dụng"
        )
        problems.append(Problem(f"{where}.evidence.photo_required_below_max", message))
    if c.critical and kind == "info":
        message = (
            "tiêu chí chỉ ghi nhận số liệu (info) không có điểm nên không thể là tiêu chí then chốt"
        )
        problems.append(Problem(f"{where}.critical", message))
    return problems


def _check_fractions(fractions: dict[Status, float], path: str) -> list[Problem]:
    missing = [vi for status, (vi, _) in STATUS_LABELS.items() if status not in fractions]
    if missing:
        message = (
            f"thiếu tỷ lệ điểm cho: {', '.join(missing)}; "
            "cần đủ ba mức Đạt, Đạt một phần, Không đạt"
        )
        return [Problem(path, message)]
    problems = []
    if fractions[Status.DAT] != 1.0:
        dat = format_number(fractions[Status.DAT])
        message = f"mức Đạt phải được trọn điểm (1.0), đang là {dat}"
        problems.append(Problem(f"{path}.{Status.DAT.value}", message))
    if not fractions[Status.DAT] >= fractions[Status.DAT_MOT_PHAN] >= fractions[Status.KHONG_DAT]:
        message = "tỷ lệ điểm phải giảm dần: Đạt ≥ Đạt một phần ≥ Không đạt"
        problems.append(Problem(f"{path}.{Status.DAT_MOT_PHAN.value}", message))
    return problems


def _check_figures(c: Criterion, where: str) -> list[Problem]:
    paths = {f.id: f"{where}.{item_path('figures', k, f.id)}" for k, f in enumerate(c.figures)}
    problems = duplicates(
        ((f.id, f"{where}.{item_path('figures', k, f.id)}.id") for k, f in enumerate(c.figures)),
        "mỗi số liệu trong một tiêu chí cần một mã riêng",
    )
    for figure in c.figures:
        if figure.rate_of is None:
            continue
        wrong = [ref for ref in figure.rate_of if ref not in paths or ref == figure.id]
        numerator, denominator = figure.rate_of
        if numerator == denominator and not wrong:
            message = (
                f"tỷ lệ của “{numerator}” trên chính nó luôn là 100% (hoặc không tính được); "
                "tử số và mẫu số phải là hai số liệu khác nhau"
            )
            problems.append(Problem(f"{paths[figure.id]}.rate_of", message))
        derived = [
            ref
            for ref in figure.rate_of
            if ref not in wrong and any(f.id == ref and f.rate_of for f in c.figures)
        ]
        if derived:
            message = (
                f"tỷ lệ phải tính từ hai số liệu nhập trực tiếp; “{', '.join(derived)}” "
                "cũng là tỷ lệ tính từ số liệu khác"
            )
            problems.append(Problem(f"{paths[figure.id]}.rate_of", message))
        if wrong:
            message = (
                f"tỷ lệ phải tính từ hai số liệu khác của cùng tiêu chí; không dùng được: "
                f"{', '.join(wrong)}"
            )
            problems.append(Problem(f"{paths[figure.id]}.rate_of", message))
    return problems


def check_ranges(
    ranges: list[tuple[str, float, float | None]], what: str, where: str
) -> list[Problem]:
    """Ranges [min, max) must tile from 0 (or below) upwards with no gap, no overlap, top open."""
    bad = [
        Problem(f"{p}.{end}", "giới hạn phải là số hữu hạn (không chấp nhận NaN hay vô cực)")
        for p, lo, hi in ranges
        for end, value in (("min", lo), ("max", hi))
        if value is not None and not math.isfinite(value)
    ]
    if bad or not ranges:
        return bad or [Problem(where, f"cần ít nhất một {what}")]
    problems = [
        Problem(
            f"{p}.max",
            f"giới hạn trên {format_number(hi)} phải lớn hơn giới hạn dưới {format_number(lo)}",
        )
        for p, lo, hi in ranges
        if hi is not None and hi <= lo
    ]
    ordered = sorted(ranges, key=lambda r: r[1])
    path, low, _ = ordered[0]
    if low > 0:
        message = (
            f"{what} thấp nhất phải bắt đầu từ 0; "
            f"từ 0 đến {format_number(low)} chưa thuộc {what} nào"
        )
        problems.append(Problem(f"{path}.min", message))
    for (path, _, high), (next_path, next_low, _) in zip(ordered, ordered[1:], strict=False):
        if high is None or high > next_low:
            message = (
                f"chồng lấn với {next_path}; giới hạn trên phải bằng {format_number(next_low)}"
            )
            problems.append(Problem(f"{path}.max", message))
        elif high < next_low:
            message = (
                f"bỏ trống từ {format_number(high)} đến {format_number(next_low)} ({next_path}); "
                f"giới hạn trên phải bằng {format_number(next_low)}"
            )
            problems.append(Problem(f"{path}.max", message))
    path, _, high = ordered[-1]
    if high is not None:
        message = (
            f"{what} cao nhất phải để trống giới hạn trên (max: null); "
            f"nếu không, giá trị từ {format_number(high)} trở lên không thuộc {what} nào"
        )
        problems.append(Problem(f"{path}.max", message))
    return problems
