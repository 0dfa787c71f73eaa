"""How dates look on screen, everywhere: the GOV.UK style, "1 June 2019" and "1 June 2019 at 14:15".

Templates write `{{ value|date }}` for a date and `{{ value|date:"DATETIME_FORMAT" }}` for a moment; nothing else.
Files and the API keep ISO dates (2019-06-01).
"""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j F Y"
DATETIME_FORMAT = r"j F Y \a\t H:i"
SHORT_DATETIME_FORMAT = r"j F Y \a\t H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
