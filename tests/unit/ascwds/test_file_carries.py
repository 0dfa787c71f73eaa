"""What an ASC-WDS workplace file can carry for a main service: the download writes only that, and comparing a file
with what is held compares only that (so the service's own download never reads back as changed)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from collection.ascwds.compare import workplace_differs
from collection.ascwds.workplace_section import as_the_file_carries
from collection.rules.records import WorkplaceData, WorkplaceSectionData

CARE_HOME, HOME_CARE, DAY_CARE = "2", "8", "6"  # pay groups 2, 1 and neither
ALL = WorkplaceSectionData(total_staff=5, sick_pay="1", pension="1", pension_percentage=Decimal("5"),
                           holiday_days=28, sleep_ins="1", sleep_in_pay="2", travel_time_pay="3",
                           travel_time_rate=Decimal("11.5"))


@pytest.mark.parametrize(("main", "sleep", "travel"), [(CARE_HOME, True, False), (HOME_CARE, True, True),
                                                         (DAY_CARE, False, False)])
def test_sleep_ins_and_travel_time_only_where_the_file_has_them(main, sleep, travel):
    kept = as_the_file_carries(ALL, main=main)
    assert (kept.sleep_ins, kept.sleep_in_pay) == (("1", "2") if sleep else (None, None))
    assert (kept.travel_time_pay, kept.travel_time_rate) == (("3", Decimal("11.5")) if travel else (None, None))
    assert (kept.pension_percentage, kept.holiday_days, kept.total_staff) == (Decimal("5"), 28, 5)


def test_answers_hanging_on_another_go_with_it():
    kept = as_the_file_carries(WorkplaceSectionData(pension="0", pension_percentage=Decimal("4"), sleep_ins="2",
                                                    sleep_in_pay="1", travel_time_pay="1",
                                                    travel_time_rate=Decimal("12")), main=HOME_CARE)
    assert (kept.pension_percentage, kept.sleep_in_pay, kept.travel_time_rate) == (None, None, None)
    assert as_the_file_carries(None, main=HOME_CARE) is None


def test_a_held_answer_the_file_cannot_carry_is_not_a_difference():
    place = WorkplaceData(name="Oak", main_service=CARE_HOME)
    from_file = as_the_file_carries(ALL, main=CARE_HOME)
    assert not workplace_differs(place, from_file, place, ALL)
    assert workplace_differs(place, from_file, place, ALL.__class__(**{**ALL.__dict__, "holiday_days": 30}))


def test_a_blank_section_is_the_same_as_none():
    place = WorkplaceData(name="Ash", main_service=CARE_HOME)
    assert not workplace_differs(place, WorkplaceSectionData(), place, None)
    assert workplace_differs(place, WorkplaceSectionData(holiday_days=20), place, None)
