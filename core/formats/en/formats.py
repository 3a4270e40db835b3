"""English as in Britain, not the US: "3 December 2026", "3 December 2026, 14:05", a 24-hour clock.

Only what differs from Django's own ``en`` formats is here; the rest (input formats, separators) is Django's.
"""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
