"""Reads of the public catalogue, with what each screen needs fetched up front."""

from __future__ import annotations

from django.db.models import F, Prefetch

from .models import Exhibition, ExhibitionWork, Work, WorkImage, WorkMaker, public_work


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
