"""Anonymity rules: the 10-response threshold, secondary suppression against subtraction, response bands, and
what an employer may see."""

from __future__ import annotations

import random

import pytest

from surveys.questionnaires import EXIT_V1, SATISFACTION_V1
from surveys.rules.scoring import Indicator
from surveys.rules.suppression import (
    MIN_RESPONSES,
    Atom,
    can_show_results,
    protect_breakdowns,
    provider_results,
    response_band,
    suppress_breakdown,
    suppress_indicators,
    whole_percent,
)


@pytest.mark.parametrize(("n", "expected"), [(0, False), (1, False), (9, False), (10, True), (11, True)])
def test_can_show_results(n: int, expected: bool) -> None:
    assert MIN_RESPONSES == 10
    assert can_show_results(n) is expected


@pytest.mark.parametrize(("n", "expected"), [(0, "0"), (1, "1–9"), (9, "1–9"), (10, "10+"), (11, "10+"), (500, "10+")])
def test_response_band(n: int, expected: str) -> None:
    assert response_band(n) == expected


def test_response_band_refuses_negative() -> None:
    with pytest.raises(ValueError):
        response_band(-1)


def _what_subtraction_reveals(shown: dict[str, int | None], counts: dict[str, int], total: int) -> int:
    """What an attacker learns about the hidden groups: total minus every group shown."""
    return total - sum(value for value in shown.values() if value is not None)


def test_subtraction_attack_on_a_single_hidden_group_is_blocked() -> None:
    """3 zero-hours staff answered. Hiding only their group would let anyone work it out as 40 - 25 - 12 = 3."""
    counts = {"zero_hours": 3, "set_hours": 25, "bank": 12}
    naive = {key: (None if value < 10 else value) for key, value in counts.items()}
    assert _what_subtraction_reveals(naive, counts, 40) == counts["zero_hours"]  # the attack works on naive output

    shown = suppress_breakdown(counts, total=40)

    assert shown == {"zero_hours": None, "set_hours": 25, "bank": None}
    hidden = [key for key, value in shown.items() if value is None]
    assert len(hidden) == 2
    assert _what_subtraction_reveals(shown, counts, 40) == 15  # only zero_hours + bank together, which is >= 10


@pytest.mark.parametrize(
    ("counts", "total", "expected"),
    [
        # nothing to hide at the threshold
        ({"a": 10, "b": 11}, None, {"a": 10, "b": 11}),
        # boundary values: 9 is hidden, and then the next smallest so 9 cannot be recovered
        ({"a": 9, "b": 50, "c": 60}, None, {"a": None, "b": None, "c": 60}),
        ({"a": 1, "b": 10, "c": 11}, None, {"a": None, "b": None, "c": 11}),
        # two small groups that together reach 10 protect each other
        ({"a": 4, "b": 6, "c": 30}, None, {"a": None, "b": None, "c": 30}),
        # two small groups under 10 together: one more must go, which here is everything
        ({"a": 3, "b": 4, "c": 30}, None, {"a": None, "b": None, "c": None}),
        # a group of 0 is hidden but hides nobody, so it forces nothing more
        ({"a": 0, "b": 25}, None, {"a": None, "b": 25}),
        ({"a": 0, "b": 3, "c": 30}, None, {"a": None, "b": None, "c": None}),
        # responses in the total but in no group (e.g. not answered) are a hidden cell too
        ({"a": 3, "b": 20}, 40, {"a": None, "b": 20}),
        ({"a": 3, "b": 20}, 25, {"a": None, "b": None}),  # only 2 unanswered: 3 + 2 < 10
        # ties are broken by label
        ({"a": 3, "c": 15, "b": 15}, None, {"a": None, "c": 15, "b": None}),
        # every group tiny
        ({"a": 1, "b": 1}, None, {"a": None, "b": None}),
        ({}, None, {}),
    ],
)
def test_suppress_breakdown(counts: dict[str, int], total: int | None, expected: dict[str, int | None]) -> None:
    result = suppress_breakdown(counts, total=total)
    assert result == expected
    assert list(result) == list(counts)  # order kept


def test_min_n_can_be_set() -> None:
    assert suppress_breakdown({"a": 5, "b": 4, "c": 30}, min_n=5) == {"a": None, "b": None, "c": 30}
    assert suppress_breakdown({"a": 5, "b": 6, "c": 30}, min_n=5) == {"a": 5, "b": 6, "c": 30}


def test_groups_hidden_elsewhere_are_protected_too() -> None:
    """A group hidden in a linked table must not be recoverable here by subtraction either."""
    assert suppress_breakdown({"a": 50, "b": 30, "c": 40}, hidden=["a"]) == {"a": None, "b": None, "c": 40}


@pytest.mark.parametrize(("counts", "total"), [({"a": -1, "b": 20}, None), ({"a": 5, "b": 20}, 24)])
def test_suppress_breakdown_refuses_bad_input(counts: dict[str, int], total: int | None) -> None:
    with pytest.raises(ValueError):
        suppress_breakdown(counts, total=total)


@pytest.mark.parametrize(
    ("counts", "total", "roll_up", "expected"),
    [
        ({"a": 3, "b": 4, "c": 5, "d": 40}, None, True, {"a": None, "b": None, "c": None, "d": 40, "Other": 12}),
        ({"a": 3, "b": 20, "c": 30}, None, True, {"a": None, "b": None, "c": 30, "Other": 23}),
        ({"a": 3, "Other": 8, "c": 30}, None, True, {"a": None, "Other": 11, "c": 30}),
        ({"a": 12, "b": 30}, None, True, {"a": 12, "b": 30}),  # nothing small: nothing rolled up
        ({"a": 3, "b": 4}, None, True, {"a": None, "b": None, "Other": None}),
        # auto: with 17 unanswered in the total, plain suppression keeps b; roll-up would not
        ({"a": 3, "b": 20}, 40, "auto", {"a": None, "b": 20}),
        # auto: same named groups either way, so the roll-up (which also says how many are hidden) wins
        ({"a": 3, "b": 4, "c": 5, "d": 40}, None, "auto", {"a": None, "b": None, "c": None, "d": 40, "Other": 12}),
    ],
)
def test_roll_up_into_other(
    counts: dict[str, int], total: int | None, roll_up: bool | str, expected: dict[str, int | None]
) -> None:
    assert suppress_breakdown(counts, total=total, roll_up=roll_up) == expected  # type: ignore[arg-type]


def test_no_hidden_group_is_ever_recoverable() -> None:
    """For many random tables: whatever is hidden holds at least 10 responses in at least two cells, so
    subtracting what is shown from the total never pins down one small group. (When the whole table is under 10,
    everything is hidden, and the total itself is not shown: `can_show_results` fails.)"""
    rng = random.Random(20260101)
    for _ in range(2000):
        counts = {f"g{i}": rng.choice([0, 1, 2, 5, 8, 9, 10, 11, 14, 30]) for i in range(rng.randint(1, 6))}
        residual = rng.choice([0, 0, 1, 4, 12])
        total = sum(counts.values()) + residual
        for roll_up in (False, True, "auto"):
            result = suppress_breakdown(counts, total=total, roll_up=roll_up)  # type: ignore[arg-type]
            shown_named = {key: value for key, value in result.items() if key in counts and value is not None}
            assert all(value >= 10 for value in shown_named.values())
            hidden = [key for key in counts if result.get(key) is None and counts[key] > 0]
            if not hidden:
                continue
            if total < 10:
                assert all(value is None for value in result.values())
                continue
            if result.get("Other") is not None:
                assert result["Other"] >= 10
                assert sum(counts[key] for key in hidden) == result["Other"]
                assert len(hidden) >= 2
            else:
                mass = total - sum(shown_named.values())
                assert mass >= 10
                assert len(hidden) + (residual > 0) >= 2


def test_suppress_indicators_uses_the_bases() -> None:
    groups = {
        "care_home": Indicator(value=40.0, base=30, count=12),
        "home_care": Indicator(value=55.0, base=20, count=11),
        "supported_living": Indicator(value=100.0, base=3, count=3),
    }
    assert suppress_indicators(groups) == {
        "care_home": groups["care_home"],
        "home_care": None,
        "supported_living": None,
    }


def _satisfaction_response(i: int) -> dict[str, object]:
    return {
        "employer_type": "care_home",
        "main_job": "care_worker",
        "tenure": "1_2",
        "contract": "zero_hours" if i % 2 else "set_hours",
        "look_forward": "often",
        "enthusiastic": "always",
        "make_suggestions": "agree",
        "pay_fair": "disagree",
        "recommend_employer": i % 11,
        "happy_with_care": "agree",
        "stay_change": f"Secret wish number {i}",
        "age_band": "25_34",
        "ethnic_group": "white",
        **({"stress_unwell": "yes"} if i < 5 else {}),  # only 5 answered this
        "pa_payslip": "no",  # hidden (not a PA): must never count
    }


@pytest.mark.parametrize(("n", "band"), [(0, "0"), (1, "1–9"), (9, "1–9")])
def test_provider_sees_nothing_below_ten(n: int, band: str) -> None:
    result = provider_results(questionnaire=SATISFACTION_V1, responses=[_satisfaction_response(i) for i in range(n)])
    assert not result.shown
    assert result.band == band
    assert result.responses is None and result.questions == () and result.indicators == {}
    assert "at least 10" in result.message


@pytest.mark.parametrize("n", [10, 11])
def test_provider_results_at_ten_or_more(n: int) -> None:
    result = provider_results(questionnaire=SATISFACTION_V1, responses=[_satisfaction_response(i) for i in range(n)])
    assert result.shown and result.band == "10+" and result.responses == n
    keys = [q.key for q in result.questions]
    assert "pay_fair" in keys and "look_forward" in keys
    assert "stay_change" not in keys  # free text never
    assert "age_band" not in keys and "ethnic_group" not in keys  # no demographics within an employer
    assert "stress_unwell" not in keys  # only 5 answered
    assert "pa_payslip" not in keys  # hidden question
    assert "Secret wish" not in repr(result)
    pay = next(q for q in result.questions if q.key == "pay_fair")
    assert pay.base == n
    assert ("disagree", "Disagree", 100) in pay.percentages
    assert result.indicators["stress_rate"] is None  # base 5
    assert result.indicators["engagement_index"] is not None
    assert result.indicators["engagement_index"].base == n


def _exit_response(i: int) -> dict[str, object]:
    return {
        "employer_type": "home_care",
        "main_reason": "pay",
        "next_step": "retire" if i else "nhs",
        "pay_comparison": "over_2",  # shown only to the one going to the NHS
        "exploitation": "yes" if i < 2 else "no",
        "anything_else": "My manager Jane took my passport",
        "recommend_employer": 3,
    }


def test_provider_exit_results_never_include_exploitation_or_free_text() -> None:
    result = provider_results(questionnaire=EXIT_V1, responses=[_exit_response(i) for i in range(12)])
    assert result.shown
    keys = [q.key for q in result.questions]
    assert "main_reason" in keys
    assert "exploitation" not in keys and "anything_else" not in keys
    assert "pay_comparison" not in keys  # 1 answer
    assert "exploitation_flags" not in result.indicators
    assert "passport" not in repr(result) and "Jane" not in repr(result)
    assert result.indicators["exit_enps"] == Indicator(value=-100.0, base=12)


def _group(n: int, **answers: object) -> list[dict[str, object]]:
    return [{"employer_type": "care_home", "stress_unwell": "yes", **answers} for _ in range(n)]


def _atoms(questionnaire, **tables_by_atom) -> list[Atom]:
    """Atoms from {"a|b": [answers...]}: the key gives the atom's group in tables "T1" and "T2"."""
    from surveys.rules.scoring import satisfaction_indicators

    atoms = []
    for key, answers in tables_by_atom.items():
        groups = dict(zip(("T1", "T2"), key.split("__"), strict=False))
        atoms.append(Atom(groups=groups, size=len(answers),
                          indicators=satisfaction_indicators(answers, questionnaire=questionnaire)))
    return atoms


def test_joint_protection_hides_small_groups_and_their_complement() -> None:
    atoms = _atoms(SATISFACTION_V1, care_home=_group(30), supported_living=_group(3))
    result = protect_breakdowns(atoms)
    assert result.sizes[("T1", "supported_living")] is None
    assert result.sizes[("T1", "care_home")] is None  # else 35 - 30 (each to within 2) puts it between 1 and 9
    assert result.sizes[("Total", "All responses")] == 33
    assert result.indicators[("T1", "care_home")]["stress_rate"] is None


def test_rounding_to_five_leaves_a_hidden_group_wide_enough_on_its_own() -> None:
    atoms = _atoms(SATISFACTION_V1, care_home=_group(25), home_care=_group(12), supported_living=_group(4))
    result = protect_breakdowns(atoms)
    assert result.sizes[("T1", "supported_living")] is None
    assert result.sizes[("T1", "care_home")] == 25 and result.sizes[("T1", "home_care")] == 12  # 40-25-10: 0 to 11
    assert result.indicators[("T1", "care_home")]["stress_rate"] == Indicator(value=100.0, base=25, count=25)


def test_joint_protection_hides_an_indicator_whose_base_is_small_and_what_would_give_it_away() -> None:
    atoms = _atoms(
        SATISFACTION_V1,
        north=_group(20),
        south=[{"employer_type": "care_home"}] * 10 + _group(5),  # 15 responses, 5 answered stress
        east=_group(30),
    )
    result = protect_breakdowns(atoms)
    assert result.sizes[("T1", "south")] == 15 and result.sizes[("T1", "north")] == 20
    assert result.indicators[("T1", "south")]["stress_rate"] is None
    # north's and east's bases are not published, so south's 5 stay somewhere between 0 and 17
    assert result.indicators[("T1", "east")]["stress_rate"] == Indicator(value=100.0, base=30, count=30)


def test_a_group_hidden_in_one_table_is_not_recovered_from_another() -> None:
    """Issue 15 item 5: PA total (service type) minus the channels shown recovered a hidden channel of 3."""
    atoms = _atoms(
        SATISFACTION_V1,
        care_home__workplace=_group(40),
        pa__payroll=_group(20),
        pa__poster=_group(3),
    )
    result = protect_breakdowns(atoms)
    assert result.sizes[("T2", "poster")] is None
    hidden = [cell for cell, size in result.sizes.items() if size is None]
    assert len(hidden) >= 2 and any(cell != ("T2", "poster") and cell[0] == "T2" for cell in hidden)


def test_nothing_is_shown_below_the_threshold_in_total() -> None:
    result = protect_breakdowns(_atoms(SATISFACTION_V1, a=_group(4), b=_group(5)))
    assert all(size is None for size in result.sizes.values())


@pytest.mark.parametrize(("value", "expected"), [(12.5, 13), (2.5, 3), (49.4, 49), (None, 0), (100.0, 100)])
def test_whole_percent_rounds_halves_up(value: float | None, expected: int) -> None:
    assert whole_percent(value) == expected
