"""Public pages of the music catalogue: repertoire and a musical work (composers, performers, recordings, who passed
it on to whom), recordings with a player, ensembles with their members over time."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from craftcity.music import selectors
from craftcity.music.iiif import manifest_url, media_url
from craftcity.music.models import MusicalWork, Recording

from . import jsonld
from .views import _page, _toggle


def _base(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _one_of(request, parameter: str, choices) -> tuple[dict, list[dict]]:
    """A filter by one of `choices` (TextChoices) read from `parameter`: the selector's keyword (none for an
    unknown value) and the links that choose each value or, on the chosen one, clear it."""
    chosen = request.GET.get(parameter, "")
    filters = {parameter: chosen} if chosen in choices.values else {}
    links = []
    for value, label in choices.choices:
        href = _toggle(request, parameter, "" if value == chosen else value)
        links.append({"label": label, "selected": value == chosen, "href": href})
    return filters, links


def repertoire(request):
    filters, kinds = _one_of(request, "kind", MusicalWork.Kind)
    page = _page(request, selectors.repertoire_list(**filters))
    return render(request, "public/music/repertoire.html", {"page": page, "kinds": kinds})


def musical_work(request, pk: int):
    work = selectors.musical_work_detail(pk)
    if work is None:
        raise Http404(_("No such musical work."))
    url = request.build_absolute_uri(request.path)
    data = jsonld.musical_work_jsonld(work, url, _base(request))
    context = {
        "work": work,
        "performers": selectors.performers_of(work),
        "jsonld": jsonld.script_tag(data),
    }
    return render(request, "public/music/work.html", context)


def recordings(request):
    filters, kinds = _one_of(request, "media", Recording.Media)
    page = _page(request, selectors.recording_list(**filters))
    return render(request, "public/music/recordings.html", {"page": page, "kinds": kinds})


def recording(request, pk: int):
    subject = selectors.recording_detail(pk)
    if subject is None:
        raise Http404(_("No such recording."))
    base = _base(request)
    captions = [c for c in subject.captions.all() if c.kind == c.Kind.CAPTIONS]
    transcripts = [c for c in subject.captions.all() if c.kind == c.Kind.TRANSCRIPT]
    language = getattr(request, "LANGUAGE_CODE", "kk")
    url = request.build_absolute_uri(request.path)
    context = {
        "recording": subject,
        "media_url": media_url("", subject) if subject.file else "",
        "captions": captions,
        "default_caption": next((c.language for c in captions if c.language == language), None),
        "transcripts": sorted(transcripts, key=lambda c: c.language != language),
        "manifest_url": manifest_url(base, subject.pk),
        "jsonld": jsonld.script_tag(jsonld.recording_jsonld(subject, url, base)),
    }
    return render(request, "public/music/recording.html", context)


def ensembles(request):
    return render(request, "public/music/ensembles.html", {"ensembles": selectors.ensembles()})


def ensemble(request, slug: str):
    subject = selectors.ensemble_detail(slug)
    if subject is None:
        raise Http404(_("No such ensemble."))
    year = dt.date.today().year
    members = list(subject.ensemble_members.all())
    current = [m for m in members if m.end_year is None or m.end_year >= year]
    past = sorted((m for m in members if m not in current), key=lambda m: (-(m.end_year or 0), m.pk))
    return render(request, "public/music/ensemble.html", {"ensemble": subject, "current": current, "past": past})
