"""Reads of the public catalogue, with what each screen needs fetched up front."""

from __future__ import annotations

from django.db.models import F, Prefetch
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce, Lower
from django.utils import translation

from .models import Exhibition, ExhibitionWork, Work, WorkImage, WorkMaker, public_work

# The orders a visitor may choose on the catalogue besides the default (the order works were added in).
WORK_SORTS = ("title", "newest")


def work_sorted(qs, sort: str | None):
    """Works by title in the reader's language (else another), or the most recently made first."""
    if sort == "newest":
        return qs.order_by(F("year_from").desc(nulls_last=True), "-pk")
    if sort == "title":
        language = (translation.get_language() or "en").split("-")[0]
        order = [language, *(code for code in ("kk", "ru", "en") if code != language)]
        title = Coalesce(*(KeyTextTransform(code, "title") for code in order))
        return qs.annotate(sort_title=Lower(title)).order_by("sort_title", "pk")
    return qs


def work_list(**filters):
    return (
        Work.objects.public()
        .filter(**filters)
        .select_related("discipline", "collection")
        .prefetch_related(
            Prefetch(
                "work_makers", queryset=WorkMaker.objects.select_related("person").prefetch_related("person__names")
            ),
            Prefetch("images", queryset=WorkImage.objects.order_by("position", "pk")),
        )
        .order_by("pk")
    )


def maker_credits():
    """Credits on published works, latest work first, for a maker's page (where they are prefetched)."""
    return (
        WorkMaker.objects.filter(public_work("work__"))
        .select_related("work")
        .order_by(F("work__year_from").desc(nulls_last=True), "-work_id", "position", "pk")
    )


def work_detail(pk: int) -> Work | None:
    return (
        work_list()
        .select_related("owner", "current_location")
        .prefetch_related(
            "techniques",
            "materials",
            "provenance",
            Prefetch(
                "exhibition_items",
                queryset=ExhibitionWork.objects.filter(exhibition__status="published").select_related("exhibition"),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def exhibition_detail(slug: str) -> Exhibition | None:
    return (
        Exhibition.objects.public()
        .select_related("venue")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=ExhibitionWork.objects.filter(work__status=Work.Status.PUBLISHED)
                .select_related("work")
                .prefetch_related("work__images"),
            )
        )
        .filter(slug=slug)
        .first()
    )
