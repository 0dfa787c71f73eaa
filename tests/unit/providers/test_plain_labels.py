"""Every option a person can be shown reads as plain English: no specification text from the national lists."""

from __future__ import annotations

import re

import pytest

from collection.ascwds.columns import STAFF_COLUMNS, WORKPLACE_COLUMNS
from providers.plain_labels import FIRST, LAST, NOT_OFFERED, PLAIN_LABELS
from providers.reference import choices, choices_by_label, code_lists, labels, rows

# What spec text looks like: the file's column names, lengths, notes about the repository or validity, slashes.
COLUMNS = "|".join(sorted({*STAFF_COLUMNS, *WORKPLACE_COLUMNS}, key=len, reverse=True))
SPEC_TEXT = re.compile(rf"\b({COLUMNS}|DHA)\b|max \d|chars\b|not in repo|only valid|required/|/ | /|\w/\w")
ALLOWED = {"co-ordinator"}  # real words that look like spec text to the pattern
PUBLISHED_NAMES = {
    "ethnicity_groups": "the census group names, which the ethnicity rows name as their group",
    "qualifications": "qualification titles as published (not offered on any page)",
}


@pytest.mark.parametrize("list_name", sorted(code_lists()))
def test_no_option_label_is_specification_text(list_name):
    found = [(code, label) for code, label in labels(list_name).items()
             if SPEC_TEXT.search(label) and label not in ALLOWED and code not in NOT_OFFERED.get(list_name, ())]
    if list_name in PUBLISHED_NAMES:
        pytest.skip(PUBLISHED_NAMES[list_name])
    assert not found, found


def test_the_plain_labels_replace_existing_codes_and_keep_the_published_text():
    for list_name, plain in PLAIN_LABELS.items():
        by_code = {row["code"]: row for row in rows(list_name)}
        for code, label in plain.items():
            assert by_code[code]["label"] == label
            assert by_code[code]["spec_label"] != label


def test_the_workplace_form_offers_other_not_its_spec_text():
    assert dict(choices("employer_type"))["8"] == "Other"


@pytest.mark.parametrize("list_name", sorted(FIRST))
def test_long_lists_are_usual_answer_first_then_alphabetical_then_other_and_dont_know(list_name):
    ordered = choices_by_label(list_name)
    codes = [code for code, _label in ordered]
    assert codes[: len(FIRST[list_name])] == list(FIRST[list_name])
    assert codes[-len(LAST[list_name]):] == list(LAST[list_name])
    middle = [label for _code, label in ordered[len(FIRST[list_name]): -len(LAST[list_name])]]
    assert middle == sorted(middle, key=lambda label: label.casefold().replace("å", "a"))
    assert not set(codes) & set(NOT_OFFERED.get(list_name, ()))
    assert len(codes) == len(choices(list_name)) - len(NOT_OFFERED.get(list_name, ()))
