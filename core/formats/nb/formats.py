"""Bokmål: one way to write a date ("3. desember 2026") and a time ("kl. 14:05"), short or long.

Only what differs from Django's own ``nb`` formats is here; the rest (input formats, separators) is Django's.
"""

DATE_FORMAT = "j. F Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = r"j. F Y \k\l. H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
