"""Amounts and dates are read and written one way per language (core.numbers, core.formats)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format

from core.numbers import format_amount, parse_amount

SIXTY = Decimal("60")


@pytest.mark.parametrize("typed", ["7,5", "7.5", " 7,5 ", 7.5, Decimal("7.50")])
def test_a_comma_or_a_point_reads_as_the_same_amount(typed):
    assert parse_amount(typed, maximum=SIXTY, label="Studiepoeng") == Decimal("7.5")


@pytest.mark.parametrize(
    ("typed", "bokmål", "english"),
    [
        ("2,55", "Bruk høyst én desimal.", "Use at most one decimal place."),
        ("61", "Studiepoeng må være mer enn 0 og høyst 60.", "Studiepoeng must be more than 0 and at most 60."),
        ("0", "Studiepoeng må være mer enn 0 og høyst 60.", "Studiepoeng must be more than 0 and at most 60."),
        ("-1", "Studiepoeng må være mer enn 0 og høyst 60.", "Studiepoeng must be more than 0 and at most 60."),
        ("1.000,5", "Skriv inn et tall, for eksempel 7,5.", "Enter a number, for example 7.5."),
        ("1e1", "Skriv inn et tall, for eksempel 7,5.", "Enter a number, for example 7.5."),
        ("sju", "Skriv inn et tall, for eksempel 7,5.", "Enter a number, for example 7.5."),
        ("", "Skriv inn et tall, for eksempel 7,5.", "Enter a number, for example 7.5."),
    ],
)
def test_anything_else_is_refused_with_a_message_in_the_users_language(typed, bokmål, english):
    for language, expected in (("nb", bokmål), ("en", english)):
        with translation.override(language), pytest.raises(ValidationError) as refused:
            parse_amount(typed, maximum=SIXTY, label="Studiepoeng")
        assert refused.value.messages == [expected]


@pytest.mark.parametrize(
    ("value", "bokmål", "english"),
    [
        (Decimal("67.50"), "67,5", "67.5"),
        (Decimal("30.0"), "30", "30"),
        (Decimal("0.0"), "0", "0"),
        (None, "", ""),
        (Decimal("12.25"), "12,3", "12.3"),  # half up, as floatformat
        (Decimal("999.95"), "1000", "1000"),  # rounded to a whole number: no ",0"
        (Decimal("-0.04"), "0", "0"),  # never "-0"
        ("7.5", "7,5", "7.5"),
        (3, "3", "3"),
    ],
)
def test_amounts_are_written_with_the_languages_decimal_mark(value, bokmål, english):
    template = Template("{{ value|amount }}")  # a builtin filter: no {% load %} needed
    for language, expected in (("nb", bokmål), ("en", english)):
        with translation.override(language):
            assert format_amount(value) == expected
            assert template.render(Context({"value": value})) == expected


def test_dates_are_written_one_way_in_bokmål_and_the_british_way_in_english():
    day = datetime.date(2026, 12, 3)
    moment = datetime.datetime(2026, 12, 3, 14, 5)
    expected = {
        "nb": ("3. desember 2026", "3. desember 2026 kl. 14:05"),
        "en": ("3 December 2026", "3 December 2026, 14:05"),
    }
    for language, (long_date, long_moment) in expected.items():
        with translation.override(language):
            assert date_format(day) == date_format(day, "SHORT_DATE_FORMAT") == long_date
            assert date_format(moment, "DATETIME_FORMAT") == long_moment
            assert date_format(moment, "SHORT_DATETIME_FORMAT") == long_moment
