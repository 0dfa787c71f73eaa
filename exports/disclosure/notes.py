"""The notes sheet text. Tables refer to notes by key; the workbook numbers them in this order."""

from __future__ import annotations

NOTES: dict[str, str] = {
    "disclosure": (
        "[c] means the figure is hidden to protect confidentiality. Counts from 1 to 7 are hidden; all other counts "
        "are rounded to the nearest 5; 0 means none. Some further figures are hidden so that hidden figures cannot "
        "be worked out from totals. Totals are rounded separately, so rows may not add up. Percentages are worked "
        "out from the rounded figures and shown to the nearest whole per cent. Averages are shown only where at "
        "least 10 staff and at least 3 providers contribute and no provider has more than 80% of the staff; "
        "quartiles only where at least 50 staff contribute. Survey results are shown only where at least 10 "
        "people answered."
    ),
    "symbols": "[x] means the figure is not available (nothing was returned). [z] means the figure does not apply.",
    "coverage": (
        "Figures use only workforce returns that were submitted or accepted by the snapshot date. Workplace and "
        "provider numbers are not about individuals and are shown exactly. A provider is an organisation; one "
        "provider may run several workplaces."
    ),
    "fte": (
        "Full-time equivalent (FTE): contracted weekly hours (average weekly hours for bank, agency, other and "
        "zero-hours staff) divided by 37.5, at most 1 per person. Staff with no hours recorded count as 0 FTE. FTE is "
        "rounded to the nearest 5 and hidden wherever the headcount is hidden."
    ),
    "turnover": (
        "Starters and leavers are the numbers each workplace reported for the last 12 months, by job role. "
        "Turnover rate is leavers divided by staff (headcount) in post at the snapshot date; starter rate likewise."
    ),
    "vacancy": "Vacancy rate is vacancies divided by vacancies plus staff in post (headcount).",
    "pay": (
        "Pay is the pay rate recorded on each staff record: hourly rates for staff paid by the hour, annual salaries "
        "for salaried staff. Medians and quartiles; minimum and maximum are never shown."
    ),
    "nlw": (
        "National Living Wage (NLW) is the rate in force on the snapshot date. 'At or just above' means an hourly "
        "rate less than 50p above the NLW (rates below it are included)."
    ),
    "age": "Age is worked out from year of birth at the snapshot date.",
    "nationality": (
        "EU means the 27 member states of the European Union. Health and Care Worker visa is asked only of staff "
        "who are not British."
    ),
    "leavers": "Reasons for leaving are the counts each workplace reported for its leavers in the last 12 months.",
    "compliance": (
        "Compliance counts are numbers of contract requirements by their status on the snapshot date. They are not "
        "about individuals and are shown exactly."
    ),
    "series": (
        "Earlier rounds are protected separately in the same way. A change is worked out from the rounded figures "
        "and is [c] if either year is [c]. [z] marks the first round of the series."
    ),
}
