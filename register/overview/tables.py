"""One shape for every figure on the overview: a table of rows, optionally drawn as a chart.

The chart is drawn from the same rows by CSS (charts.css) and hidden from screen readers; the table
beside it carries the numbers, and the CSV download writes the same rows.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.numbers import format_amount

Kind = Literal["text", "count", "share", "amount", "days"]
ChartKind = Literal["bar", "stacked", "column"]

SECTIONS: tuple[str, ...] = ("coverage", "competence", "development", "e_guidance", "trend")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: Kind = "count"


@dataclass(frozen=True)
class Chart:
    """``bar``: one value per row as a horizontal bar; ``stacked``: shares (0-1) side by side in one bar;
    ``column``: one value per row as vertical columns (months)."""

    kind: ChartKind
    columns: tuple[str, ...]


@dataclass
class Bar:
    label: str
    parts: list[tuple[int, str]]  # (size in whole percent of the longest bar, the value as written)


@dataclass
class Table:
    key: str
    section: str
    title: str
    summary: str
    columns: list[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)
    chart: Chart | None = None
    note: str = ""
    # The key of a boolean in each row that marks it (e.g. below the standard); shown as a text column.
    flag: str = ""
    flag_label: str = ""
    # Small: the chart with the table folded away under it (the trend's small multiples).
    compact: bool = False

    def formatted(self, row: dict[str, Any]) -> list[str]:
        cells = [format_cell(row.get(column.key), column.kind) for column in self.columns]
        if self.flag:
            cells.append(self.flag_label if row.get(self.flag) else "")
        return cells

    @property
    def headers(self) -> list[str]:
        labels = [column.label for column in self.columns]
        return labels + [_("Marked")] if self.flag else labels

    @property
    def body(self) -> list[tuple[bool, list[str]]]:
        return [(bool(self.flag and row.get(self.flag)), self.formatted(row)) for row in self.rows]

    def bars(self) -> list[Bar]:
        """The chart's bars: every value scaled to the largest in its columns (shares as they are)."""
        if self.chart is None:
            return []
        kinds = {column.key: column.kind for column in self.columns}
        label_key = self.columns[0].key
        if self.chart.kind == "stacked":
            sums = [sum(_number(row.get(key)) for key in self.chart.columns) for row in self.rows]
        else:
            sums = [_number(row.get(key)) for row in self.rows for key in self.chart.columns]
        top = 1.0 if all(kinds[key] == "share" for key in self.chart.columns) else max(sums, default=0.0) or 1.0
        return [
            Bar(
                label=str(row.get(label_key) or ""),
                parts=[
                    (round(100 * min(_number(row.get(key)) / top, 1.0)), format_cell(row.get(key), kinds[key]))
                    for key in self.chart.columns
                ],
            )
            for row in self.rows
        ]

    @property
    def legend(self) -> list[str]:
        if self.chart is None:
            return []
        labels = {column.key: column.label for column in self.columns}
        return [labels[key] for key in self.chart.columns]

    def csv_rows(self) -> list[list[str]]:
        """The header and rows as the CSV writes them: numbers without thousands separators."""
        rows = [self.headers]
        for row in self.rows:
            cells = [csv_cell(row.get(column.key), column.kind) for column in self.columns]
            if self.flag:
                cells.append(self.flag_label if row.get(self.flag) else "")
            rows.append(cells)
        return rows


def _number(value: Any) -> float:
    return float(value) if isinstance(value, (int, float, Decimal)) else 0.0


def format_cell(value: Any, kind: Kind) -> str:
    """A value as the page writes it, in the active language (``–`` where there is none)."""
    if value is None:
        return "–"
    if kind == "text":
        return str(value)
    if kind == "count":
        return number_format(value, force_grouping=True)
    if kind == "share":
        return f"{number_format(round(float(value) * 100))} %"
    if kind == "days":
        return format_amount(Decimal(str(round(float(value), 1))))
    return format_amount(value)


def csv_cell(value: Any, kind: Kind) -> str:
    """A value as the CSV writes it: shares as percent with one decimal, no thousands separators."""
    if value is None:
        return ""
    if kind == "text":
        return str(value)
    if kind == "count":
        return str(value)
    if kind == "share":
        return format_amount(Decimal(str(round(float(value) * 100, 1))))
    return format_amount(Decimal(str(round(float(value), 1))))


def share(part: int | float | Decimal, whole: int | float | Decimal) -> float | None:
    return float(part) / float(whole) if whole else None
