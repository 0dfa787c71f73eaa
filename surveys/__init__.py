"""Staff satisfaction and exit surveys: the questionnaires as versioned data, and the pure scoring and anonymity rules.

`surveys.questionnaires` holds the questions and the answering flow; `surveys.rules` holds scoring, indicators
and the suppression (anonymity) rules. Neither imports Django.
"""
