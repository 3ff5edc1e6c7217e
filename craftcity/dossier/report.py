"""The dossier's two files: the PDF (HTML through WeasyPrint) and the XLSX annexes."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from craftcity.core.exporters import write_xlsx

from . import indicators as indicator_module
from . import viability
from .asof import Snapshot, Timeline, data_span, end_of_day
from .charts import bar_chart
from .exporters import ArtisansAnnex, DynastiesAnnex, IndicatorTablesExporter, OrganizationsAnnex
from .models import NarrativeSection
from .outlines import OUTLINES
from .selectors import Computed, city_designations, indicators_with_series


@dataclass
class Report:
    as_of: dt.date
    template: str
    language: str
    computed: list[Computed]
    snapshot: Snapshot
    last_change: dt.datetime | None


def _is_prose(value) -> bool:
    """Words (a category, a reason) wrap and align left in a table cell; figures stay on one line."""
    return not isinstance(value, int | float) and " " in str(value).strip()


def _figure(value):
    """Large figures grouped in the active language's way (13 600 000 in kk/ru, 13,600,000 in en); four-digit
    figures stay ungrouped, as Kazakh and Russian typography writes them."""
    if isinstance(value, int | float | Decimal) and abs(value) >= 10000:
        return formats.number_format(value, force_grouping=True)
    return value


def printed_table(table, language: str, limit: int | None = None) -> dict:
    """A breakdown table as the PDF and the dashboard print it: title, value columns, rows (at most `limit`,
    with the count of the rest), the explanation column moved under each row."""
    breakdown = indicator_module.BREAKDOWNS[table.breakdown]
    return {
        "title": breakdown.get(language) or breakdown["en"],
        "columns": [str(column) for column in table.columns[: -1 if table.explained else None]],
        "rows": [_printed_row(row, table.explained) for row in table.rows[:limit]],
        "more": max(0, len(table.rows) - limit) if limit else 0,
    }


def _printed_row(row, explained: bool) -> dict:
    """A table row for the PDF: label, cells marked figure or words, and the explanation printed under it."""
    values = row.values[:-1] if explained else row.values
    return {
        "label": str(row.label),
        "cells": [(_figure(value), _is_prose(value)) for value in values],
        "why": str(row.values[-1]) if explained else "",
    }


def _chart_label(label: str) -> str:
    """Year ends are labelled by the year; the as-of date (ISO in the series and the CSV) as the reader writes it."""
    try:
        return formats.date_format(dt.date.fromisoformat(label), "SHORT_DATE_FORMAT")
    except ValueError:
        return label


def chart_svg(computed: Computed, language: str) -> str:
    labels = [_chart_label(label) for label, _total in computed.series]
    values = [total for _label, total in computed.series]
    return bar_chart(title=computed.indicator.label(language), labels=labels, values=values)


def render_pdf(*, as_of: dt.date, template: str, language: str, target: Path, progress) -> Report:
    from weasyprint import HTML

    outline = OUTLINES[template]
    progress(5, "indicators")
    timeline = Timeline()
    with translation.override(language):  # labels and reasons are written in the dossier's language
        computed = indicators_with_series(as_of, codes=outline.indicators, progress=progress, timeline=timeline)
    by_code = {c.indicator.code: c for c in computed}
    ordered = [by_code[code] for code in outline.indicators if code in by_code]
    snapshot = timeline.at(as_of)
    _first, last = data_span(end_of_day(as_of))
    with translation.override(language):
        sections = []
        for number, item in enumerate(ordered, start=3):
            svg = chart_svg(item, language)
            sections.append(
                {
                    "number": number,
                    "anchor": f"indicator-{item.indicator.code}",
                    "name": item.indicator.label(language),
                    "counts": item.indicator.description(language),
                    "total": _figure(item.result.total),
                    "chart": "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(),
                    "tables": [printed_table(table, language) for table in item.result.tables],
                    "is_viability": item.indicator.code == "viability",
                }
            )
        narrative = list(NarrativeSection.objects.filter(template=template).order_by("position", "id"))
        context = {
            "language": language,
            "title": outline.title[language],
            "subtitle": outline.subtitle[language],
            "as_of": as_of,
            "last_change": timezone.localtime(last) if last else None,
            "generated_on": timezone.localdate(),
            "designations": list(city_designations(as_of)),
            "sections": sections,
            "narrative": narrative,
            "narrative_number": len(sections) + 3,
            "thresholds": {
                "min_known": viability.MIN_KNOWN,
                "critical": viability.CRITICAL_BELOW,
                "small": viability.SMALL_BELOW,
                "years": viability.COMPLETED_YEARS,
                "share": f"{viability.MIN_APPRENTICE_SHARE:.0%}",
                "decline": f"{-viability.DECLINE:.0%}",
                "old_age": viability.OLD_AGE,
            },
            "annex_sheets": [_("Indicators"), _("Artisans and musicians"), _("Dynasties"), _("Organizations")],
        }
        html = render_to_string("dossier/pdf.html", context)
        progress(70, "PDF")
        HTML(string=html, base_url=str(Path(__file__).parent)).write_pdf(target)
    return Report(as_of, template, language, ordered, snapshot, last)


def render_annexes(*, report: Report, target: Path) -> None:
    language = report.language
    snapshot = report.snapshot
    with translation.override(language):
        write_xlsx(
            [
                IndicatorTablesExporter(
                    {c.indicator.code: c.result for c in report.computed}, language, indicator_module.REGISTRY
                ),
                ArtisansAnnex(snapshot, language),
                DynastiesAnnex(snapshot, language),
                OrganizationsAnnex(snapshot, language),
            ],
            target,
        )
