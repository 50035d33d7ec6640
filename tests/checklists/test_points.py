"""Impossible figures never earn points; inspectors read Vietnamese, numbers included."""

from __future__ import annotations

import pytest

from checklists.record.model import Value
from checklists.scoring.points import evaluate, evaluate_adjustment
from checklists.template.model import (
    Adjustment,
    BandsScoring,
    Criterion,
    Figure,
    InfoScoring,
    PointsScoring,
    ScoreBand,
    Status,
    StatusScoring,
)

# Shaped like D2 of cqtt-xa: petitions received and resolved, points from the resolution rate.
D2 = Criterion(
    id="D2",
    label="Giải quyết đơn thư",
    max_points=6,
    allow_na=True,
    scoring=BandsScoring(
        figure="resolution_rate",
        bands=(
            ScoreBand(min=0, max=80, points=0),
            ScoreBand(min=80, max=90, points=2),
            ScoreBand(min=90, max=95, points=4),
            ScoreBand(min=95, points=6),
        ),
    ),
    figures=(
        Figure(id="received", label="Số đơn tiếp nhận", unit="đơn", integer=True),
        Figure(id="resolved", label="Số đơn đã giải quyết", unit="đơn", integer=True),
        Figure(
            id="resolution_rate",
            label="Tỷ lệ giải quyết",
            unit="%",
            rate_of=("resolved", "received"),
        ),
    ),
)
NO_NA = D2.model_copy(update={"allow_na": False})


@pytest.mark.parametrize(
    "figures,message",
    [
        (
            {"received": 815, "resolved": -1},
            "“Số đơn đã giải quyết” không được là số âm, đang là -1",
        ),
        (
            {"received": -815, "resolved": -805},
            "“Số đơn tiếp nhận” không được là số âm, đang là -815; "
            "“Số đơn đã giải quyết” không được là số âm, đang là -805",
        ),
        (
            {"received": 815.5, "resolved": 805},
            "“Số đơn tiếp nhận” phải là số nguyên, đang là 815,5",
        ),
        (
            {"received": 815, "resolved": 900},
            "“Số đơn đã giải quyết” (900) lớn hơn “Số đơn tiếp nhận” (815) "
            "nên “Tỷ lệ giải quyết” vượt quá 100%",
        ),
        ({"resolution_rate": 250}, "“Tỷ lệ giải quyết” phải từ 0 đến 100%, đang là 250%"),
        ({"resolution_rate": -0.5}, "“Tỷ lệ giải quyết” không được là số âm, đang là -0,5"),
        (
            {"received": 0, "resolved": 0},
            "“Số đơn tiếp nhận” bằng 0 nên không tính được “Tỷ lệ giải quyết” để chấm điểm; "
            "nếu trong kỳ không phát sinh, hãy chọn “Không áp dụng”",
        ),
        (
            {"received": 815, "resolved": 805, "recieved": 815},
            "Số liệu “recieved” không có trong tiêu chí này; các số liệu của tiêu chí: "
            "Số đơn tiếp nhận, Số đơn đã giải quyết, Tỷ lệ giải quyết",
        ),
    ],
)
def test_impossible_figures_earn_no_points(figures: dict[str, float], message: str) -> None:
    outcome = evaluate(D2, Value(figures=figures))
    assert (outcome.kind, outcome.points, outcome.message) == ("invalid", None, message)


def test_zero_denominator_without_na_does_not_suggest_it() -> None:
    outcome = evaluate(NO_NA, Value(figures={"received": 0, "resolved": 0}))
    assert (outcome.kind, outcome.message) == (
        "invalid",
        "“Số đơn tiếp nhận” bằng 0 nên không tính được “Tỷ lệ giải quyết” để chấm điểm",
    )


@pytest.mark.parametrize(
    "figures,points",
    [
        ({"received": 815, "resolved": 805}, 6.0),
        ({"received": 815, "resolved": 815}, 6.0),
        ({"received": 815, "resolved": 0}, 0.0),
        ({"resolution_rate": 100}, 6.0),
        ({"resolution_rate": 91.5}, 4.0),
        ({"received": 815}, None),
    ],
)
def test_possible_figures_still_score(figures: dict[str, float], points: float | None) -> None:
    outcome = evaluate(D2, Value(figures=figures))
    assert (outcome.kind, outcome.points) == ("points" if points is not None else "empty", points)


def test_impossible_figures_also_void_a_points_criterion() -> None:
    criterion = Criterion(
        id="E1",
        label="Phiếu",
        max_points=5,
        scoring=PointsScoring(),
        figures=(Figure(id="issued", label="Số phiếu phát ra", integer=True),),
    )
    outcome = evaluate(criterion, Value(score=5, figures={"issued": 12.5}))
    assert (outcome.kind, outcome.message) == (
        "invalid",
        "“Số phiếu phát ra” phải là số nguyên, đang là 12,5",
    )


@pytest.mark.parametrize(
    "criterion,value,message",
    [
        (
            Criterion(id="P", label="Điểm", max_points=6, scoring=PointsScoring()),
            Value(score=6.5),
            "Điểm 6,5 ngoài khoảng 0–6",
        ),
        (
            Criterion(id="P", label="Điểm", max_points=6, scoring=PointsScoring()),
            Value(score=2.25),
            "Điểm 2,25 không theo bước 0,5",
        ),
        (
            Criterion(
                id="S",
                label="Mức",
                max_points=6,
                scoring=StatusScoring(fractions={Status.DAT: 1, Status.KHONG_DAT: 0}),
            ),
            Value(status=Status.DAT_MOT_PHAN),
            "Mức “Đạt một phần” không dùng ở tiêu chí này",
        ),
        (
            Criterion(id="S", label="Mức", max_points=6, scoring=StatusScoring()),
            Value(not_applicable=True),
            "Tiêu chí này không được chọn “Không áp dụng”",
        ),
        (
            D2.model_copy(
                update={
                    "scoring": BandsScoring(
                        figure="resolution_rate", bands=(ScoreBand(min=10, points=6),)
                    )
                }
            ),
            Value(figures={"received": 3, "resolved": 0}),
            "“Tỷ lệ giải quyết” = 0 không thuộc khoảng điểm nào",
        ),
    ],
)
def test_messages_use_vietnamese_numbers_and_labels(
    criterion: Criterion, value: Value, message: str
) -> None:
    outcome = evaluate(criterion, value)
    assert (outcome.kind, outcome.message) == ("invalid", message)


def test_adjustment_message_uses_vietnamese_numbers() -> None:
    bonus = Adjustment(id="T", label="Thưởng", kind="bonus", max_points=2.5)
    assert evaluate_adjustment(bonus, Value(score=3)).message == "Điểm 3 ngoài khoảng 0–2,5"


# Shaped like GQ1 of mot-cua: figures recorded for information, no points.
INFO = Criterion(
    id="GQ1",
    label="Số hồ sơ",
    max_points=0,
    scoring=InfoScoring(),
    figures=(
        Figure(id="dossiers", label="Số hồ sơ tiếp nhận", unit="hồ sơ", integer=True),
        Figure(id="online", label="Số hồ sơ trực tuyến", unit="hồ sơ", integer=True),
        Figure(
            id="online_rate", label="Tỷ lệ trực tuyến", unit="%", rate_of=("online", "dossiers")
        ),
    ),
)


@pytest.mark.parametrize(
    "figures,kind,message",
    [
        ({"dossiers": 120}, "empty", ""),
        ({"dossiers": 120, "online": 30}, "empty", ""),
        ({"dossiers": 0, "online": 0}, "empty", ""),  # no rate, but nothing is scored from it
        ({"dossiers": -3}, "invalid", "“Số hồ sơ tiếp nhận” không được là số âm, đang là -3"),
        ({"dossiers": 1.5}, "invalid", "“Số hồ sơ tiếp nhận” phải là số nguyên, đang là 1,5"),
        (
            {"dossiers": 10, "online": 12},
            "invalid",
            "“Số hồ sơ trực tuyến” (12) lớn hơn “Số hồ sơ tiếp nhận” (10) "
            "nên “Tỷ lệ trực tuyến” vượt quá 100%",
        ),
        ({"online_rate": 140}, "invalid", "“Tỷ lệ trực tuyến” phải từ 0 đến 100%, đang là 140%"),
    ],
)
def test_figures_of_an_information_only_criterion_are_checked_like_the_others(
    figures: dict[str, float], kind: str, message: str
) -> None:
    outcome = evaluate(INFO, Value(figures=figures))
    assert (outcome.kind, outcome.points, outcome.message) == (kind, None, message)
