"""The notes sheet text. Tables refer to notes by key; the workbook numbers them in this order."""

from __future__ import annotations

from exports.disclosure import rulebook

NOTES: dict[str, str] = {
    "disclosure": (
        f"{rulebook.summary()} Some further figures are hidden so that hidden figures cannot be worked out from "
        "totals, from related figures (for example staff paid hourly and salaried staff within all staff) or from "
        "an earlier release of this round. Totals are rounded separately, so rows may not add up. Percentages are "
        "worked out from the rounded figures and shown to the nearest whole per cent. Quartiles are shown only "
        f"where at least {rulebook.MIN_INDIVIDUALS_PERCENTILE} staff contribute."
    ),
    "symbols": "[x] means the figure is not available (nothing was returned). [z] means the figure does not apply.",
    "coverage": (
        "Figures use only workforce returns that were submitted or accepted when this release was made (the "
        "release date on the cover); staff are those in post on the snapshot date. Workplace and "
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
        "Compliance counts are numbers of contract requirements by their status on the release date (not the "
        "snapshot date): due, overdue and escalated requirements are still open; complied, complied late, "
        "extended and exempt ones are settled. They are not "
        "about individuals and are shown exactly."
    ),
    "series": (
        "Earlier rounds are protected separately in the same way. A change is worked out from the rounded figures "
        "and is [c] if either year is [c]. [z] marks the first round of the series."
    ),
    "release": (
        "This workbook is a release: it is made at the round's close and revised at set times. Every analyst gets "
        "the same file until the next release. The Cover sheet gives the release number and date, and what "
        "changed since the previous release."
    ),
    "charts": (
        "Charts draw only the figures shown in their table. A hidden [c] figure has no bar; the note under each "
        "chart lists the categories without one."
    ),
    "surveys": (
        f"Survey indicators use the closed survey rounds only. A group's results are shown only where at least "
        f"{rulebook.MIN_SURVEY_RESPONSES} people answered; percentages are of the people who answered the "
        "question."
    ),
}
