"""Indicator series: a value typed or imported, checked and saved; a series analysed.

A value of a ``värde`` indicator is saved as ``{"value": x}``; a value of an ``andel`` indicator
as ``{"count": c, "total": t}`` (shown as a percentage, and drawn in a p-chart when long enough)
or, when only the percentage is known, as ``{"value": x}``. Files are read by the project's
one spreadsheet reader; each row names the indicator, the unit, the period and the value.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any, Sequence

from naravard.core.cells import csv_row
from naravard.core.problems import DataError, Problem
from naravard.core.spreadsheet import read_spreadsheet
from naravard.core.text import format_number
from naravard.followup.control import (MIN_CONTROL_POINTS, ControlChart, control_signals,
                                       limits_text, p_chart, xmr)
from naravard.followup.indicators import Indicator
from naravard.followup.model import WHOLE_COUNTY
from naravard.followup.periods import parse_period, period_label
from naravard.followup.runchart import RunChart, Signal, analyse, summary
from naravard.plan.values import parse_number

MAX_ROWS = 20_000
COLUMNS = ("Indikator", "Enhet", "Period", "Värde", "Antal", "Totalt")


# --- one value ---------------------------------------------------------------------------------

def value_record(ind: Indicator, value: Any = None, count: Any = None,
                 total: Any = None) -> dict:
    """The saved record of one value; ValueError with a Swedish message naming the field."""
    if ind.proportion and (_given(count) or _given(total)):
        c = _field_number(count, "Antal")
        t = _field_number(total, "Totalt")
        if c is None or t is None:
            raise ValueError("Fyll i både antal och totalt, eller bara andelen i procent.")
        if t <= 0:
            raise ValueError("Totalt: måste vara större än noll.")
        if c < 0 or c > t:
            raise ValueError("Antal: måste vara mellan 0 och totalt.")
        return {"count": c, "total": t}
    v = _field_number(value, "Värde")
    if v is None:
        raise ValueError("Värde: skriv ett tal, till exempel 12,5.")
    if ind.proportion and not 0 <= v <= 100:
        raise ValueError("Värde: en andel anges i procent, från 0 till 100.")
    return {"value": v}


def _given(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def _field_number(value: Any, name: str) -> float | None:
    try:
        return parse_number(value)
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from None


def shown_value(record: dict) -> float | None:
    """The number drawn for a record: the value, or the count as a percentage of the total."""
    if "count" in record and "total" in record:
        try:
            return 100 * float(record["count"]) / float(record["total"])
        except (TypeError, ValueError, ZeroDivisionError):
            return None
    value = record.get("value")
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


# --- a series analysed -----------------------------------------------------------------------

@dataclass
class SeriesView:
    """One indicator in one unit: the points, the run chart and, if long enough, a control chart."""

    indicator: Indicator
    unit: str
    periods: list[str]
    values: list[float]
    run: RunChart
    control: ControlChart | None = None
    control_signals: list[Signal] = field(default_factory=list)
    decimals: int = 1

    def fmt(self, value: float) -> str:
        text = format_number(value, self.decimals)
        return text + (" %" if self.indicator.proportion else "")

    def label(self, i: int) -> str:
        return period_label(self.periods[i])

    @property
    def signals(self) -> list[Signal]:
        return [*self.run.signals, *self.control_signals]

    @property
    def moved(self) -> bool:
        """True when any rule fired: a real change, or a point to ask about."""
        return bool(self.signals)

    def sentences(self) -> list[str]:
        out = summary(self.run) if not self.control_signals or self.run.signals else []
        out += [s.text for s in self.control_signals]
        if self.control is not None:
            out.append(limits_text(self.control, self.fmt))
        return out


def _decimals(values: Sequence[float]) -> int:
    return 0 if all(abs(v - round(v)) < 1e-9 for v in values) and values else 1


def analyse_series(ind: Indicator, unit: str, points: Sequence[tuple[str, dict]]) -> SeriesView:
    """Analyse the points ``(period, record)`` of one indicator and unit (in time order)."""
    kept = [(p, r, shown_value(r)) for p, r in points]
    kept = [(p, r, v) for p, r, v in kept if v is not None]
    periods = [p for p, _, _ in kept]
    values = [v for _, _, v in kept]
    decimals = _decimals(values) if not ind.proportion else 1
    view = SeriesView(ind, unit, periods, values, RunChart((), None, 0, 0, 0, None),
                      decimals=decimals)
    hib = ind.higher_is_better
    view.run = analyse(values, label=view.label, higher_is_better=hib, fmt=view.fmt)
    if len(values) >= MIN_CONTROL_POINTS:
        records = [r for _, r, _ in kept]
        if ind.proportion and all("count" in r and "total" in r for r in records):
            pc = p_chart([float(r["count"]) for r in records],
                         [float(r["total"]) for r in records])
            view.control = ControlChart("p", tuple(100 * v for v in pc.values), 100 * pc.centre,
                                        tuple(100 * v for v in pc.lower),
                                        tuple(100 * v for v in pc.upper))
        else:
            view.control = xmr(values)
        view.control_signals = control_signals(view.control, view.label, view.fmt, hib)
    return view


# --- files -------------------------------------------------------------------------------------

def template_csv() -> bytes:
    """An empty values file as Swedish Excel opens it (semicolons, BOM)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(csv_row(COLUMNS))
    writer.writerow(csv_row(["Akutbesök, 80 år och äldre", WHOLE_COUNTY, "2026-01", "31,5",
                             "", ""]))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


@dataclass(frozen=True)
class ImportedValue:
    indicator: str
    unit: str
    period: str
    record: dict


def read_values_file(name: str, content: bytes, indicators: dict[str, Indicator],
                     unit_names: Sequence[str]) -> list[ImportedValue]:
    """Values from a CSV or XLSX file; DataError naming row and column of every problem.

    Nothing is returned (so nothing is saved) unless every row can be used.
    """
    sheet = read_spreadsheet(name, content, max_rows=MAX_ROWS)
    file = sheet.where
    problems: list[Problem] = []
    heads = {str(h).strip().casefold(): h for h in sheet.header if h is not None}
    known = {c.casefold() for c in COLUMNS}
    for h in heads:
        if h not in known:
            problems.append(Problem(file, row=sheet.header_row, field=str(heads[h]),
                                    message="Okänd kolumn. Kolumnerna heter: "
                                            + ", ".join(COLUMNS) + "."))
    for needed in ("indikator", "period"):
        if needed not in heads:
            problems.append(Problem(file, row=sheet.header_row,
                                    message=f"Kolumnen ”{needed.capitalize()}” saknas. "
                                            "Första raden ska innehålla: " + ", ".join(COLUMNS)))
    if problems:
        raise DataError(problems)
    by_name: dict[str, str] = {}
    for iid, ind in indicators.items():
        by_name[ind.name.casefold()] = iid
        by_name[iid.casefold()] = iid
    units_cf = {u.casefold(): u for u in unit_names}
    out: list[ImportedValue] = []

    def cell(values: dict, col: str) -> Any:
        head = heads.get(col.casefold())
        return values.get(head) if head is not None else None

    for row in sheet.rows:
        def add(col: str, message: str) -> None:
            problems.append(Problem(file, row=row.number, field=col, message=message))

        ind_text = str(cell(row.values, "Indikator") or "").strip()
        iid = by_name.get(ind_text.casefold())
        if iid is None:
            add("Indikator", f"Okänd indikator ”{ind_text[:60]}”. Lägg till den i arbetsbladet "
                             "först, eller skriv namnet som det står där.")
            continue
        unit_text = str(cell(row.values, "Enhet") or "").strip() or WHOLE_COUNTY
        unit = units_cf.get(unit_text.casefold())
        if unit is None:
            add("Enhet", f"Okänd enhet ”{unit_text[:60]}”. Skriv en av: "
                         + ", ".join(unit_names) + ".")
            continue
        try:
            period = parse_period(cell(row.values, "Period"))
        except ValueError as exc:
            add("Period", str(exc))
            continue
        try:
            record = value_record(indicators[iid], cell(row.values, "Värde"),
                                  cell(row.values, "Antal"), cell(row.values, "Totalt"))
        except ValueError as exc:
            column, _, message = str(exc).partition(": ")
            add(column if column in COLUMNS else "Värde", message or str(exc))
            continue
        out.append(ImportedValue(iid, unit, period, record))
    if not out and not problems:
        problems.append(Problem(file, message="Filen har inga värden under rubrikraden."))
    if problems:
        raise DataError(problems)
    return out


def apply_values(doc: dict, values: Sequence[ImportedValue]) -> None:
    """Write imported values into a saved document (used inside ``Session.update``)."""
    store = doc.setdefault("values", {})
    for v in values:
        store.setdefault(v.indicator, {}).setdefault(v.unit, {})[v.period] = dict(v.record)

