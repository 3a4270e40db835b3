"""County populations from the CSV file Statistics Norway (SSB) publishes, e.g. table 07459.

SSB's statbank writes semicolon-separated files with a title line, then a header row and one row per
region and age, either *long* (a year column and one value column) or *wide* (one value column per
year). The region starts with the county number (``03 Oslo``, ``K-03 Oslo``), the age with its number
(``019 19 år``, ``19 år``, ``19-24 år``, ``105 år eller eldre``). Only the latest year in the file is
used. A file with anything unreadable changes nothing and says what and where.
"""

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from register.models import AuditEntry, County
from register.overview.cache import forget_figures

ADULT_AGE = 19
SOURCE = "SSB"
MAX_BYTES = 5 * 1024 * 1024
POPULATION_FIELDS = ["population", "adult_population", "population_year", "population_source", "population_is_demo"]

_COUNTY = re.compile(r"^\s*(?:K-)?(\d{2})(?:\D|$)")
_AGE = re.compile(r"^\s*(\d{1,3})(?:\s+(\d{1,3}))?(?:\s*[-–]\s*(\d{1,3}))?")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_TOTAL_AGE = re.compile(r"i alt|total|alle", re.IGNORECASE)


@dataclass(frozen=True)
class CountyPopulation:
    county: County
    population: int
    adults: int


@dataclass(frozen=True)
class PopulationFile:
    year: int
    counties: list[CountyPopulation]


def _header_index(rows: list[list[str]]) -> int:
    for index, row in enumerate(rows):
        lowered = [cell.strip().lower() for cell in row]
        if any(cell.startswith("region") for cell in lowered) and any(
            cell.startswith(("alder", "age")) for cell in lowered
        ):
            return index
    raise ValidationError(
        _("The file has no header row with a region column and an age column (alder). Download it from SSB as CSV."),
        code="no_header",
    )


def _age(label: str, line: int) -> tuple[int, int | None] | None:
    """(lowest age, highest age or None for open-ended) of an age label; None for a total row."""
    if _TOTAL_AGE.search(label):
        return None
    match = _AGE.match(label)
    if not match:
        raise ValidationError(
            _("Line %(line)s: the age %(age)s is not a number of years.") % {"line": line, "age": label},
            code="bad_age",
        )
    code, single, upper = match.groups()
    lowest = int(single) if single is not None else int(code)
    if upper is not None:
        return lowest, int(upper)
    return lowest, lowest if "eldre" not in label and "older" not in label and "+" not in label else None


def _number(text: str, line: int) -> int:
    cleaned = text.strip().replace("\xa0", "").replace(" ", "")
    if not (cleaned.isascii() and cleaned.isdecimal()):
        raise ValidationError(
            _("Line %(line)s: %(value)s is not a whole number of people.") % {"line": line, "value": text.strip()},
            code="bad_number",
        )
    return int(cleaned)


def parse_population_csv(content: bytes) -> PopulationFile:
    """The population and adults (19 and over) per county in the file's latest year. Reads nothing from the
    database but the counties; raises ValidationError with the line of the first problem."""
    if len(content) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 5 MB; SSB's county file is far smaller."), code="too_large")
    text = None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None or "\x00" in text:
        raise ValidationError(_("The file is not a text file. Upload the CSV file from SSB."), code="not_text")
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    except csv.Error as exc:
        raise ValidationError(
            _("The file cannot be read as semicolon-separated CSV (%(error)s). Download it from SSB again.")
            % {"error": exc},
            code="bad_csv",
        ) from None
    start = _header_index(rows)
    header = [cell.strip().lower() for cell in rows[start]]
    region_col = next(i for i, cell in enumerate(header) if cell.startswith("region"))
    age_col = next(i for i, cell in enumerate(header) if cell.startswith(("alder", "age")))
    year_col = next((i for i, cell in enumerate(header) if cell in ("år", "year", "tid")), None)
    year_columns = {i: int(m.group(1)) for i, cell in enumerate(header) if (m := _YEAR.search(cell)) and i != year_col}
    if year_col is None and not year_columns:
        raise ValidationError(_("The file has neither a year column (år) nor a column per year."), code="no_year")
    counties = {county.number: county for county in County.objects.all()}
    # (year, county number) -> [population by age, adults, all-ages total or None, has age rows]
    found: dict[tuple[int, str], list] = defaultdict(lambda: [0, 0, None, False])
    for offset, row in enumerate(rows[start + 1 :], start=start + 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(region_col, age_col):
            raise ValidationError(_("Line %(line)s has too few columns.") % {"line": offset}, code="short_row")
        match = _COUNTY.match(row[region_col])
        if not match:
            raise ValidationError(
                _("Line %(line)s: the region %(region)s does not start with a county number.")
                % {"line": offset, "region": row[region_col].strip()},
                code="bad_region",
            )
        number = match.group(1)
        if number not in counties:
            raise ValidationError(
                _("Line %(line)s: %(number)s is not the number of one of the 15 counties.")
                % {"line": offset, "number": number},
                code="unknown_county",
            )
        ages = _age(row[age_col], offset)
        if year_col is not None:
            year_match = _YEAR.search(row[year_col]) if year_col < len(row) else None
            values = {int(year_match.group(1)) if year_match else 0: row[-1]}
        else:
            values = {year: row[i] for i, year in year_columns.items() if i < len(row)}
        for year, value in values.items():
            if not year:
                raise ValidationError(_("Line %(line)s has no year.") % {"line": offset}, code="bad_year")
            people = _number(value, offset)
            totals = found[(year, number)]
            if ages is None:
                totals[2] = (totals[2] or 0) + people  # one total row per sex adds up
                continue
            totals[3] = True
            lowest, highest = ages
            if lowest < ADULT_AGE and (highest is None or highest >= ADULT_AGE):
                raise ValidationError(
                    _(
                        "Line %(line)s: the age group %(age)s spans 19 years, so adults cannot be counted. "
                        "Download single years of age, or groups that start at 19."
                    )
                    % {"line": offset, "age": row[age_col].strip()},
                    code="straddles",
                )
            totals[0] += people
            if lowest >= ADULT_AGE:
                totals[1] += people
    if not found:
        raise ValidationError(_("The file has no rows of figures."), code="empty")
    year = max(y for y, _n in found)
    result = []
    for (row_year, number), (population, adults, total, has_ages) in sorted(found.items()):
        if row_year != year:
            continue
        if not has_ages:
            raise ValidationError(
                _("%(county)s has only a total for %(year)s: download the file with ages, so adults can be counted.")
                % {"county": counties[number].name, "year": year},
                code="no_ages",
            )
        result.append(CountyPopulation(counties[number], total if total is not None else population, adults))
    return PopulationFile(year=year, counties=result)


@transaction.atomic
def population_import(*, content: bytes, actor: User | None) -> PopulationFile:
    """Read SSB's file and store each county's population and adults, source and year (all or nothing)."""
    parsed = parse_population_csv(content)
    for row in parsed.counties:
        county = row.county
        county.population = row.population
        county.adult_population = row.adults
        county.population_year = parsed.year
        county.population_source = SOURCE
        county.population_is_demo = False
        county.save(
            update_fields=[
                "population",
                "adult_population",
                "population_year",
                "population_source",
                "population_is_demo",
            ]
        )
    AuditEntry.objects.create(
        actor=actor,
        action="population.imported",
        object_type="county",
        object_id=str(parsed.year),
        details={
            "year": parsed.year,
            "source": SOURCE,
            "counties": {row.county.number: [row.population, row.adults] for row in parsed.counties},
        },
    )
    transaction.on_commit(forget_figures)
    return parsed
