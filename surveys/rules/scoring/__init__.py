"""Scores and indicators for the staff and exit surveys (DOMAIN.md 2.3 and 2.4). Pure functions, no Django.

Every indicator comes back as an `Indicator`: the value, the number of respondents it rests on (`base`) and,
for shares, how many of them said the thing counted (`count`). The base is what the anonymity rules in
`surveys.rules.suppression` check, so callers never show a value without it.

Common rules:
- Responses are the cleaned answer dicts (question key -> stored value), one per response.
- "Prefer not to say" and missing answers are left out of every base, except in `distribution`, where
  "Prefer not to say" is one of the answers shown.
- Percentages run from 0 to 100 and are not rounded here; presentation rounds them.
"""

from __future__ import annotations

from surveys.rules.scoring.base import (
    ENPS_KEY,
    REVERSE_SCORED,
    Answers,
    Indicator,
    answer_given,
    answer_values,
    distribution,
    enps,
    group_responses,
    is_positive,
    item_score,
    share,
    share_choosing,
)
from surveys.rules.scoring.leavers import (
    ASCWDS_LEAVE_REASON,
    DESTINATION_GROUPS,
    HEADLINE_REASONS,
    any_reasons,
    ascwds_leave_reason,
    destination_groups,
    destinations,
    exit_indicators,
    exploitation_flags,
    headline_reasons,
    main_reasons,
    stay_levers,
)
from surveys.rules.scoring.staff import (
    BULLYING_SOURCES,
    ENGAGEMENT_KEYS,
    ENGAGEMENT_MIN_ITEMS,
    LEAVE_EMPLOYER,
    bullying_by_source,
    bullying_rate,
    engagement_index,
    engagement_score,
    intention_to_leave,
    percent_positive,
    percent_positive_by_item,
    percent_positive_by_theme,
    satisfaction_indicators,
    scale_questions,
    stress_rate,
    zero_hours_group,
)

__all__ = [
    "ASCWDS_LEAVE_REASON",
    "BULLYING_SOURCES",
    "DESTINATION_GROUPS",
    "ENGAGEMENT_KEYS",
    "ENGAGEMENT_MIN_ITEMS",
    "ENPS_KEY",
    "HEADLINE_REASONS",
    "LEAVE_EMPLOYER",
    "REVERSE_SCORED",
    "Answers",
    "Indicator",
    "answer_given",
    "answer_values",
    "any_reasons",
    "ascwds_leave_reason",
    "bullying_by_source",
    "bullying_rate",
    "destination_groups",
    "destinations",
    "distribution",
    "engagement_index",
    "engagement_score",
    "enps",
    "exit_indicators",
    "exploitation_flags",
    "group_responses",
    "headline_reasons",
    "intention_to_leave",
    "is_positive",
    "item_score",
    "main_reasons",
    "percent_positive",
    "percent_positive_by_item",
    "percent_positive_by_theme",
    "satisfaction_indicators",
    "scale_questions",
    "share",
    "share_choosing",
    "stay_levers",
    "stress_rate",
    "zero_hours_group",
]
