"""Works in search (kind WORK) and the dossier indicator "works catalogued and exhibited"."""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext_lazy as _

from craftcity.dossier.indicators import Indicator, Result, T, register, table
from craftcity.search import documents
from craftcity.search.models import SearchEntry

from .models import ExhibitionWork, Work, WorkMaker


def _work_queryset():
    return Work.objects.public().select_related("discipline").prefetch_related("work_makers__person__names")


def _work_document(work: Work) -> dict:
    titles = documents.all_languages(work.title)
    makers = [n.full_name for m in work.work_makers.all() for n in m.person.names.all()]
    return {
        "ref": str(work.pk),
        "title": dict(work.title),
        "subtitle": {code: ", ".join(dict.fromkeys(makers)) for code in dict(work.title)} if makers else {},
        "keys": documents.name_keys(titles + makers),
        "text": " ".join([*titles, *makers, *documents.all_languages(work.description), work.accession_number]),
        "facets": {"discipline": [work.discipline.slug] if work.discipline_id else []},
    }


documents.register(
    documents.Indexer(
        SearchEntry.Kind.WORK, _work_queryset, _work_document, url_name="public:work", numeric_ref=True,
        watch={Work: None, WorkMaker: lambda credit: credit.work_id},
    )
)  # fmt: skip


def works_catalogued(snap) -> Result:
    """Published works as of the date, by discipline, and how many of them were ever exhibited."""
    from craftcity.dossier.asof import rows_as_of
    from craftcity.taxonomy.models import Discipline

    rows = [row for row in rows_as_of(Work, snap.at, ["discipline_id", "status"]) if row[2] == Work.Status.PUBLISHED]
    exhibited = set(
        ExhibitionWork.objects.filter(
            work_id__in=[r[0] for r in rows], exhibition__created_at__lte=snap.at
        ).values_list("work_id", flat=True)
    )
    by_discipline = Counter(row[1] for row in rows)
    labels = {d.pk: d.name for d in Discipline.objects.filter(pk__in=list(by_discipline))}
    measures = Counter({"catalogued": len(rows), "exhibited": len(exhibited)})
    return Result(
        total=len(rows),
        tables=[
            table("discipline", by_discipline, labels, _("works")),
            table("measure", measures, {"catalogued": _("catalogued"), "exhibited": _("exhibited")}, _("works")),
        ],
    )


register(
    Indicator(
        "works",
        T(
            "Каталогтағы және көрмеге қойылған туындылар",
            "Работы в каталоге и на выставках",
            "Works catalogued and exhibited",
        ),
        T(
            "Каталогта жарияланған туындылар, бағыт бойынша; олардың қаншасы көрмеге қойылғаны.",
            "Опубликованные в каталоге работы по направлениям и сколько из них выставлялось.",
            "Works published in the catalogue, by discipline, and how many of them have been exhibited.",
        ),
        ("discipline", "measure"),
        works_catalogued,
        section="registry",
    )
)
