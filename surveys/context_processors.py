"""The survey anonymity thresholds for every template, so no page writes its own copy of a number."""

from surveys.rules.release import MIN_NEW_RESPONSES
from surveys.rules.suppression import BAND_ENOUGH, BAND_FEW, BAND_NONE, BASE_ROUNDING, MIN_RESPONSES


def survey_rules(request) -> dict:
    return {
        "survey_min_responses": MIN_RESPONSES,
        "survey_bands": (BAND_NONE, BAND_FEW, BAND_ENOUGH),
        "survey_base_rounding": BASE_ROUNDING,
        "survey_min_new_responses": MIN_NEW_RESPONSES,
    }
