"""Scoring and indicators on small hand-worked examples (the arithmetic is written out beside each case)."""

from __future__ import annotations

import pytest

from surveys.questionnaires import EXIT_V1, SATISFACTION_V1
from surveys.rules.scoring import (
    ASCWDS_LEAVE_REASON,
    Indicator,
    any_reasons,
    ascwds_leave_reason,
    bullying_by_source,
    bullying_rate,
    destination_groups,
    distribution,
    engagement_index,
    engagement_score,
    enps,
    exit_indicators,
    exploitation_flags,
    group_responses,
    headline_reasons,
    intention_to_leave,
    is_positive,
    item_score,
    main_reasons,
    percent_positive,
    percent_positive_by_item,
    percent_positive_by_theme,
    satisfaction_indicators,
    stay_levers,
    stress_rate,
    zero_hours_group,
)

S = SATISFACTION_V1


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("pay_fair", "strongly_disagree", 0.0),
        ("pay_fair", "disagree", 2.5),
        ("pay_fair", "neither", 5.0),
        ("pay_fair", "agree", 7.5),
        ("pay_fair", "strongly_agree", 10.0),
        ("pay_fair", "prefer_not_say", None),
        ("pay_fair", None, None),
        ("look_forward", "never", 0.0),
        ("look_forward", "always", 10.0),
        ("recommend_employer", 0, 0.0),
        ("recommend_employer", 7, 7.0),
        ("stress_unwell", "yes", None),  # not a scale item
    ],
)
def test_item_score(key: str, value: object, expected: float | None) -> None:
    assert item_score(question=S[key], value=value) == expected


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("pay_fair", "agree", True),
        ("pay_fair", "strongly_agree", True),
        ("pay_fair", "neither", False),
        ("pay_fair", "prefer_not_say", None),
        ("look_forward", "often", True),
        ("look_forward", "sometimes", False),
        ("think_about_leaving", "never", True),  # reverse-scored
        ("think_about_leaving", "rarely", True),
        ("think_about_leaving", "always", False),
        ("recommend_employer", 10, None),
    ],
)
def test_is_positive(key: str, value: object, expected: bool | None) -> None:
    assert is_positive(question=S[key], value=value) is expected


R1 = {"look_forward": "always", "enthusiastic": "often", "make_suggestions": "agree", "recommend_employer": 8}
R1 |= {"happy_with_care": "strongly_agree"}  # 10, 7.5, 7.5, 8, 10 -> 43 / 5 = 8.6
R2 = {"look_forward": "never", "enthusiastic": "prefer_not_say", "make_suggestions": "disagree"}
R2 |= {"recommend_employer": 2}  # 0, 2.5, 2 (prefer not left out) -> 4.5 / 3 = 1.5
R3 = {"look_forward": "sometimes", "recommend_employer": 10}  # only 2 items: no score


@pytest.mark.parametrize(("answers", "expected"), [(R1, 8.6), (R2, 1.5), (R3, None), ({}, None)])
def test_engagement_score(answers: dict[str, object], expected: float | None) -> None:
    assert engagement_score(answers, questionnaire=S) == (pytest.approx(expected) if expected is not None else None)


def test_engagement_index_is_the_mean_of_scores() -> None:
    result = engagement_index([R1, R2, R3], questionnaire=S)
    assert result.base == 2
    assert result.value == pytest.approx((8.6 + 1.5) / 2)  # 5.05
    assert engagement_index([R3], questionnaire=S) == Indicator(value=None, base=0)
    assert engagement_score(R3, questionnaire=S, min_items=2) == pytest.approx(7.5)


@pytest.mark.parametrize(
    ("scores", "expected", "base"),
    [
        ([10, 9, 9, 8, 7, 7, 6, 3, 0, None], 0.0, 9),  # 3 promoters, 3 detractors of 9
        ([10, 10, 9, 8, 0], 40.0, 5),  # (3 - 1) / 5
        ([6, 6, 6], -100.0, 3),
        ([10, 9], 100.0, 2),
        ([7, 8], 0.0, 2),  # passives only
        ([], None, 0),
    ],
)
def test_enps(scores: list[int | None], expected: float | None, base: int) -> None:
    responses = [{} if score is None else {"recommend_employer": score} for score in scores]
    result = enps(responses)
    assert (result.value, result.base) == (expected, base)


def test_percent_positive_leaves_out_prefer_not_and_missing() -> None:
    answers = ["agree", "strongly_agree", "neither", "disagree", "prefer_not_say", None]
    result = percent_positive([{"pay_fair": a} for a in answers], question=S["pay_fair"])
    assert result == Indicator(value=50.0, base=4, count=2)


def test_percent_positive_reverse_scored() -> None:
    answers = ["never", "rarely", "often", "always", "sometimes"]
    result = percent_positive([{"think_about_leaving": a} for a in answers], question=S["think_about_leaving"])
    assert result == Indicator(value=40.0, base=5, count=2)


def test_percent_positive_by_item_covers_scale_items_only() -> None:
    by_item = percent_positive_by_item([R1], questionnaire=S)
    assert "recommend_employer" not in by_item and "stress_unwell" not in by_item
    assert by_item["look_forward"] == Indicator(value=100.0, base=1, count=1)
    assert by_item["pay_fair"] == Indicator(value=None, base=0, count=0)


def test_percent_positive_by_theme_is_pooled() -> None:
    # motivation = look_forward + enthusiastic. R1: always, often -> 2 of 2. R2: never, prefer not -> 0 of 1.
    by_theme = percent_positive_by_theme([R1, R2, R3, {}], questionnaire=S)
    # R3: sometimes -> 0 of 1. Pooled: 2 positive of 4 answers; 3 respondents.
    assert by_theme["motivation"].value == pytest.approx(50.0)
    assert by_theme["motivation"].base == 3


def test_intention_to_leave() -> None:
    thinking = ["often", "always", "never", "prefer_not_say"]
    plans = ["stay", "care_employer", "leave_social_care", "retire", "dont_know"]
    responses = [{"think_about_leaving": t} for t in thinking] + [{"next_12_months": p} for p in plans]
    result = intention_to_leave(responses)
    assert result["thinking_often"] == Indicator(value=pytest.approx(200 / 3), base=3, count=2)
    assert result["leave_social_care"] == Indicator(value=20.0, base=5, count=1)
    assert result["leave_employer"] == Indicator(value=60.0, base=5, count=3)


def test_stress_rate() -> None:
    responses = [{"stress_unwell": v} for v in ("yes", "no", "no", "prefer_not_say")] + [{}]
    assert stress_rate(responses) == Indicator(value=pytest.approx(100 / 3), base=3, count=1)


def test_bullying_rate_and_sources() -> None:
    ticks = [["colleagues"], ["managers", "people_supported"], ["none"], ["prefer_not_say"], None]
    responses = [{} if t is None else {"bullied_by": t} for t in ticks]
    assert bullying_rate(responses) == Indicator(value=pytest.approx(200 / 3), base=3, count=2)
    by_source = bullying_by_source(responses)
    assert {key: ind.count for key, ind in by_source.items()} == {
        "people_supported": 1,
        "colleagues": 1,
        "managers": 1,
    }
    assert all(ind.base == 3 for ind in by_source.values())


def test_distribution_counts_prefer_not_as_an_answer_and_multi_can_exceed_100() -> None:
    ticks = [["colleagues", "managers"], ["colleagues"], ["prefer_not_say"], None]
    responses = [{} if t is None else {"bullied_by": t} for t in ticks]
    result = distribution(responses, question=S["bullied_by"])
    assert list(result) == ["people_supported", "colleagues", "managers", "none", "prefer_not_say"]
    assert {key: ind.count for key, ind in result.items()} == {
        "people_supported": 0,
        "colleagues": 2,
        "managers": 1,
        "none": 0,
        "prefer_not_say": 1,
    }
    assert result["colleagues"].value == pytest.approx(200 / 3)
    assert sum(ind.value for ind in result.values()) > 100


@pytest.mark.parametrize(
    ("contract", "expected"),
    [("zero_hours", "zero_hours"), ("set_hours", "other"), ("bank", "other"), ("not_sure", None), (None, None)],
)
def test_zero_hours_group(contract: str | None, expected: str | None) -> None:
    assert zero_hours_group({} if contract is None else {"contract": contract}) == expected


def test_group_responses() -> None:
    responses = [{"contract": "zero_hours"}, {"contract": "bank"}, {"contract": "not_sure"}, {"contract": "set_hours"}]
    groups = group_responses(responses, group_of=zero_hours_group)
    assert {key: len(value) for key, value in groups.items()} == {"zero_hours": 1, "other": 2}


def test_satisfaction_indicators_has_every_headline() -> None:
    result = satisfaction_indicators([R1, R2], questionnaire=S)
    assert set(result) == {
        "engagement_index",
        "enps",
        "thinking_of_leaving",
        "intend_to_leave_social_care",
        "intend_to_leave_employer",
        "stress_rate",
        "bullying_rate",
    }
    assert result["enps"] == Indicator(value=-50.0, base=2)  # 8 passive, 2 detractor


LEAVERS = [
    {"main_reason": "pay", "other_reasons": ["stress_workload", "shift_patterns"]},
    {"main_reason": "stress_workload", "other_reasons": []},
    {"main_reason": "caring", "other_reasons": ["pay"]},
    {"main_reason": "retiring"},
    {"other_reasons": ["pay"]},  # no main reason: not in the base
]


def test_main_reasons() -> None:
    result = main_reasons(LEAVERS)
    assert {key: ind.count for key, ind in result.items() if ind.count} == {
        "pay": 1,
        "stress_workload": 1,
        "caring": 1,
        "retiring": 1,
    }
    assert result["pay"] == Indicator(value=25.0, base=4, count=1)


def test_headline_reasons_count_main_or_other() -> None:
    result = headline_reasons(LEAVERS)
    assert result["pay"] == Indicator(value=50.0, base=4, count=2)
    assert result["career_progression"] == Indicator(value=0.0, base=4, count=0)
    assert result["stress"] == Indicator(value=50.0, base=4, count=2)
    assert result["working_patterns"] == Indicator(value=25.0, base=4, count=1)
    assert any_reasons(LEAVERS)["pay"] == result["pay"]


def test_destination_groups() -> None:
    steps = ["care_employer", "pa", "nhs", "other_sector", "retire", "dont_know", "childrens_care", "leaving_uk"]
    result = destination_groups([{"next_step": s} for s in steps])
    assert {key: ind.value for key, ind in result.items()} == {
        "adult_social_care": 25.0,
        "nhs_or_health": 12.5,
        "other_sectors": 25.0,
        "not_in_work": 25.0,
        "dont_know": 12.5,
    }


def test_stay_levers() -> None:
    result = stay_levers([{"stay_levers": ["better_pay", "better_rota"]}, {"stay_levers": ["nothing"]}])
    assert result["better_pay"] == Indicator(value=50.0, base=2, count=1)
    assert result["nothing"] == Indicator(value=50.0, base=2, count=1)


def test_exploitation_flags_and_exit_indicators() -> None:
    responses = [{"exploitation": v} for v in ("yes", "no", "prefer_not_say", "no")] + [{}]
    assert exploitation_flags(responses) == Indicator(value=pytest.approx(100 / 3), base=3, count=1)
    assert "exploitation_flags" not in exit_indicators(responses)
    assert exit_indicators(responses, include_sensitive=True)["exploitation_flags"].count == 1


def test_every_destination_maps_to_an_ascwds_leave_reason() -> None:
    for value in EXIT_V1["next_step"].option_values():
        assert ascwds_leave_reason(value) in {str(code) for code in range(1, 10)}
    assert set(ASCWDS_LEAVE_REASON) == set(EXIT_V1["next_step"].option_values())
    assert ascwds_leave_reason("space") is None
