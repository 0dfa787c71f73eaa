"""Answer lists shared by more than one question. Values are stable; only labels may be reworded."""

from __future__ import annotations

from surveys.questionnaires.types import Option

PREFER_NOT = Option("prefer_not_say", "Prefer not to say", exclusive=True)

AGREEMENT = (
    Option("strongly_disagree", "Strongly disagree"),
    Option("disagree", "Disagree"),
    Option("neither", "Neither agree nor disagree"),
    Option("agree", "Agree"),
    Option("strongly_agree", "Strongly agree"),
    PREFER_NOT,
)
AGREEMENT_POSITIVE = frozenset({"agree", "strongly_agree"})
AGREEMENT_POINTS = ("strongly_disagree", "disagree", "neither", "agree", "strongly_agree")

FREQUENCY = (
    Option("never", "Never"),
    Option("rarely", "Rarely"),
    Option("sometimes", "Sometimes"),
    Option("often", "Often"),
    Option("always", "Always"),
    PREFER_NOT,
)
FREQUENCY_POSITIVE = frozenset({"often", "always"})
FREQUENCY_POINTS = ("never", "rarely", "sometimes", "often", "always")

YES = Option("yes", "Yes")
NO = Option("no", "No")
NOT_SURE = Option("not_sure", "Not sure")
YES_NO = (YES, NO)
YES_NO_NOT_SURE = (YES, NO, NOT_SURE)
YES_NO_PREFER_NOT = (YES, NO, PREFER_NOT)

# A1 / X1: who the respondent works (or worked) for. "pa" is the self-report that makes a response a PA response.
PA_VALUE = "pa"
EMPLOYER_TYPE = (
    Option("care_home", "A care home"),
    Option("home_care", "A home care agency"),
    Option("supported_living", "A supported living service"),
    Option("other_service", "A day centre or other care service"),
    Option(PA_VALUE, "A person who employs me as their personal assistant (PA)"),
    Option("agency", "A staffing agency"),
)

# A2 / X2: main job, grouped as ASC-WDS job roles.
MAIN_JOB = (
    Option("care_worker", "Care or support worker"),
    Option("senior_care_worker", "Senior care or support worker"),
    Option("nurse", "Nurse"),
    Option("manager", "Manager or supervisor"),
    Option(PA_VALUE, "Personal assistant (PA)"),
    Option("other", "Something else"),
)

CONTRACT = (
    Option("set_hours", "Set weekly hours"),
    Option("zero_hours", "Zero-hours"),
    Option("bank", "Bank"),
    Option("agency", "Agency"),
    Option("not_sure", "Not sure"),
)
ZERO_HOURS_VALUE = "zero_hours"

# X5 / X6: reasons for leaving. ASC-WDS reasons, extended with the council's four headline reasons.
LEAVING_REASONS = (
    Option("pay", "Pay"),
    Option("no_progression", "No chance to progress"),
    Option("stress_workload", "Stress or workload"),
    Option("shift_patterns", "Shift patterns or rota"),
    Option("hours", "Not enough hours, or hours I could not rely on"),
    Option("travel", "Unpaid travel time or travel costs"),
    Option("treatment", "How I was managed or treated"),
    Option("bullying", "Bullying, harassment or discrimination"),
    Option("own_health", "My own health"),
    Option("caring", "Caring for family"),
    Option("moving_away", "Moving away"),
    Option("retiring", "Retiring"),
    Option("contract_ended", "My contract ended or I was dismissed"),
    Option("pa_role_ended", "The person I worked for died or no longer needs me (PA)"),
    Option("visa", "A visa or sponsorship problem"),
    Option("studying", "Studying"),
    Option("other", "Another reason"),
)

# X7: what the leaver will do next (maps to ASC-WDS destinations; see surveys.rules.scoring).
DESTINATIONS = (
    Option("care_employer", "Work for another care employer"),
    Option("pa", "Work as a PA"),
    Option("nhs", "Work in the NHS or health"),
    Option("childrens_care", "Work in children's social care"),
    Option("other_sector", "Work in a different sector", hint="For example a shop, hospitality or a warehouse"),
    Option("education", "Go into education or training"),
    Option("not_working", "Not work for now"),
    Option("retire", "Retire"),
    Option("leaving_uk", "Leave the UK"),
    Option("dont_know", "I do not know yet"),
)
NEW_JOB_DESTINATIONS = ("care_employer", "pa", "nhs", "childrens_care", "other_sector")

STAY_LEVERS = (
    Option("better_pay", "Better pay"),
    Option("guaranteed_hours", "Guaranteed hours"),
    Option("better_rota", "A better rota"),
    Option("paid_travel", "Paid travel time or costs"),
    Option("training", "Training or a qualification"),
    Option("better_manager", "A better manager or employer"),
    Option("stress_help", "Help with stress"),
    Option("flexibility", "More flexibility"),
    Option("nothing", "Nothing would have made me stay", exclusive=True),
)

AGE_BAND = (
    Option("16_24", "16 to 24"),
    Option("25_34", "25 to 34"),
    Option("35_44", "35 to 44"),
    Option("45_54", "45 to 54"),
    Option("55_64", "55 to 64"),
    Option("65_plus", "65 or over"),
    PREFER_NOT,
)
SEX = (Option("female", "Female"), Option("male", "Male"), PREFER_NOT)
ETHNIC_GROUP = (
    Option("asian", "Asian or Asian British"),
    Option("black", "Black, Black British, Caribbean or African"),
    Option("mixed", "Mixed or multiple ethnic groups"),
    Option("white", "White"),
    Option("other", "Another ethnic group"),
    PREFER_NOT,
)
