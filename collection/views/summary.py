"""The check-answers summary: each section's answers in words."""

from __future__ import annotations

from providers.reference import labels

DECLARATIONS = {"with_jobs": "Yes", "none": "None", "dont_know": "I do not know", "": "Not answered"}


def _label(list_name: str, code) -> str:
    if code in (None, ""):
        return "Not answered"
    return labels(list_name).get(str(code), str(code))


def _value(value, suffix: str = "") -> str:
    return "Not answered" if value in (None, "") else f"{value}{suffix}"


def check_answers_rows(workforce_return, workplace) -> list[dict]:
    r = workforce_return
    regulated = {True: "Yes", False: "No", None: "Not answered"}[workplace.is_cqc_regulated]
    counts = list(r.job_role_counts.all())
    reasons = list(r.leaver_reasons.all())
    return [
        {
            "title": "Workplace details",
            "url_name": "collection:return-workplace",
            "rows": [
                ("Workplace name", workplace.name),
                ("Address", ", ".join(p for p in (workplace.address1, workplace.town, workplace.postcode) if p)),
                ("Regulated by CQC", regulated),
                ("CQC location ID", _value(workplace.cqc_location_id)),
                ("Main service", _label("main_services", workplace.main_service)),
                ("Capacity", _value(workplace.capacity)),
                ("People using the service", _value(workplace.utilisation)),
            ],
        },
        {
            "title": "Staff numbers, starters, leavers and vacancies",
            "url_name": "collection:return-numbers",
            "rows": [
                ("Total staff", _value(r.total_staff)),
                ("Starters", _declared(r.starters_declared, counts, "starters")),
                ("Leavers", _declared(r.leavers_declared, counts, "leavers")),
                ("Vacancies", _declared(r.vacancies_declared, counts, "vacancies")),
                ("Reasons for leaving", "; ".join(
                    f"{_label('worker_leave_reasons', row.reason)}: {row.count}" for row in reasons
                ) or "None given"),
            ],
        },
        {
            "title": "Pay and conditions",
            "url_name": "collection:return-pay",
            "rows": [
                ("Sick pay above Statutory Sick Pay", _label("sick_pay_pension", r.sick_pay)),
                ("Pension above the minimum", _label("sick_pay_pension", r.pension)),
                ("Employer pension contribution", _value(r.pension_percentage, "%")),
                ("Holiday days", _value(r.holiday_days)),
                ("Sleep-ins", _label("yes_no_dont_know", r.sleep_ins)),
                ("Sleep-in pay", _label("sleep_in_pay", r.sleep_in_pay)),
                ("Travel time pay", _label("travel_time_pay_options", r.travel_time_pay)),
            ],
        },
    ]


def _declared(declaration: str, counts, measure: str) -> str:
    text = DECLARATIONS.get(declaration or "", declaration)
    if declaration == "with_jobs":
        total = sum(getattr(row, measure) for row in counts)
        return f"{total}"
    return text
