"""A master's pedigree: the document applications for a title ask for, built from the lineage.

Who taught the person and who taught their teachers (up to ANCESTOR_DEPTH generations), whom they taught
and whom those taught (DESCENDANT_DEPTH), their dynasties, titles with their terms, works and events. Only
what the public page shows goes in: published, unmerged people, no personal data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from craftcity.awards.models import Award
from craftcity.people.models import PersonName, choose_name_form
from craftcity.people.selectors import PersonPage, person_page

from .models import Relation

ANCESTOR_DEPTH = 3
DESCENDANT_DEPTH = 2
TITLE_KINDS = ("honour", "certificate")


@dataclass(frozen=True)
class Tie:
    depth: int  # 1: the person's own teacher (or student), 2: theirs, …
    person_id: int
    name: str
    via: int  # the person one step nearer to the subject
    kind: str  # Relation.Kind label
    years: str


@dataclass
class Pedigree:
    page: PersonPage
    teachers: list[Tie]
    students: list[Tie]
    titles: list[Award]
    other_awards: list[Award]
    generated_on: dt.date


def _years(start, end) -> str:
    if start and end:
        return f"{start}–{end}"
    return f"{start}–" if start else (f"–{end}" if end else "")


def _walk(start: int, *, up: bool, depth: int) -> list[Tie]:
    """Breadth-first along relations between public people, one query per generation."""
    public = Q(senior__status="published", senior__merged_into__isnull=True) & Q(
        junior__status="published", junior__merged_into__isnull=True
    )
    ties, seen, frontier = [], {start}, {start}
    for level in range(1, depth + 1):
        near = "junior_id" if up else "senior_id"
        rows = Relation.objects.filter(public, **{f"{near}__in": frontier}).order_by("start_year", "id")
        found = set()
        for senior, junior, kind, start_year, end_year in rows.values_list(
            "senior_id", "junior_id", "kind", "start_year", "end_year"
        ):
            other, via = (senior, junior) if up else (junior, senior)
            if other in seen:
                continue
            seen.add(other)
            found.add(other)
            ties.append(Tie(level, other, "", via, Relation.Kind(kind).label, _years(start_year, end_year)))
        frontier = found
        if not frontier:
            break
    return ties


def _named(ties: list[Tie]) -> list[Tie]:
    forms: dict[int, list] = {}
    for row in PersonName.objects.filter(person_id__in={t.person_id for t in ties}):
        forms.setdefault(row.person_id, []).append(row)
    result = []
    for tie in ties:
        name = choose_name_form(forms.get(tie.person_id, []))
        result.append(Tie(tie.depth, tie.person_id, name.full_name if name else "", tie.via, tie.kind, tie.years))
    return result


def pedigree(*, pk: int) -> Pedigree:
    """The pedigree of a published person (Person.DoesNotExist for anyone else)."""
    page = person_page(pk=pk, user=None, works=50, events=50)
    awards = list(
        Award.objects.filter(person_id=pk).select_related("programme__awarding_body", "renews").order_by("year", "id")
    )
    return Pedigree(
        page=page,
        teachers=_named(_walk(pk, up=True, depth=ANCESTOR_DEPTH)),
        students=_named(_walk(pk, up=False, depth=DESCENDANT_DEPTH)),
        titles=[a for a in awards if a.programme.kind in TITLE_KINDS],
        other_awards=[a for a in awards if a.programme.kind not in TITLE_KINDS],
        generated_on=timezone.localdate(),
    )


def pedigree_pdf(*, pk: int, language: str, base_url: str) -> bytes:
    from weasyprint import HTML

    document = pedigree(pk=pk)
    names = {document.page.person.pk: document.page.name}
    names.update({tie.person_id: tie.name for tie in document.teachers + document.students})
    html = render_to_string(
        "lineage/pedigree.html", {"doc": document, "names": names, "language": language, "today": document.generated_on}
    )
    return HTML(string=html, base_url=base_url).write_pdf()
