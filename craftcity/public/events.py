"""Public event calendar, event pages, iCalendar feeds, and applying from one's own account."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from craftcity.core.cache import stored_keep, stored_lookup
from craftcity.events import services
from craftcity.events.forms_schema import label as question_label
from craftcity.events.ical import calendar_for
from craftcity.events.models import Application, Event
from craftcity.events.rules import own_person
from craftcity.events.selectors import calendar_events, event_detail, juror_worklist, still_on_until
from craftcity.places.models import Place

from . import jsonld
from .event_scopes import CALENDAR, EVENT
from .refusals import refusal_text
from .related import related_to_event
from .views import _stored

PAGE_SIZE = 50


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _filters(request) -> dict:
    return {
        "kind": request.GET.get("kind", "") if request.GET.get("kind", "") in Event.Kind.values else "",
        "place": request.GET.get("place", "")[:120],
        "start": _day(request.GET.get("from", "")),
        "end": _day(request.GET.get("to", "")),
        "q": request.GET.get("q", "").strip()[:100],
        "include_past": request.GET.get("past") == "1",
    }


def events(request):
    if request.GET.get("view") == "month":
        return events_month(request)
    filters = _filters(request)
    page = Paginator(calendar_events(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    venues = Place.objects.public().filter(events__isnull=False).distinct().order_by("slug")
    return render(
        request,
        "public/events.html",
        {
            "page": page,
            "filters": filters,
            "kinds": Event.Kind.choices,
            "venues": venues,
            "query": request.GET.urlencode(),
        },
    )


# A month holds a few hundred events in a busy city; more than this is shown as the list view's job.
MONTH_LIMIT = 1000


def events_month(request):
    """The calendar as a month grid (a list of days on a phone), with the list's filters but its own span."""
    from craftcity.core.formatting import own_format
    from craftcity.events.month import month_of, parse_month

    today = timezone.localdate()
    first = parse_month(request.GET.get("month", ""), today)
    filters = {**_filters(request), "start": None, "end": None, "include_past": True}
    last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
    # Only what a day cell prints: a festival month is hundreds of events, and their descriptions and venues
    # would cost more to read than the page to write.
    month_events = calendar_events(**{**filters, "start": first, "end": last}).select_related(None)
    fields = ("slug", "name", "starts_at", "ends_at", "is_all_day", "schedule")
    found = list(month_events.only(*fields)[:MONTH_LIMIT])
    first_weekday = (formats.get_format("FIRST_DAY_OF_WEEK") - 1) % 7  # Django counts from Sunday, Python Monday
    month = month_of(first, found, first_weekday=first_weekday, today=today)
    # An event's address once, not once per day it runs: reversed once and filled in with each slug.
    pattern = reverse("public:event", args=["slug-placeholder"])
    for item in found:
        item.page_url = pattern.replace("slug-placeholder", item.slug)
    names = list(own_format("WEEKDAYS_SHORT"))
    return render(
        request,
        "public/events_month.html",
        {
            "month": month,
            "weekdays": names[first_weekday:] + names[:first_weekday],
            "filters": filters,
            "kinds": Event.Kind.choices,
            "venues": Place.objects.public().filter(events__isnull=False).distinct().order_by("slug"),
            "query": request.GET.urlencode(),
            "is_truncated": len(found) == MONTH_LIMIT,
            "this_month": today.replace(day=1),
        },
    )


def _absolute(request, event) -> str:
    return request.build_absolute_uri(reverse("public:event", args=[event.slug]))


# A stored feed is served for at most this long even if nothing changed: an event's "started" status moves
# with the clock. Any change to an event (the calendar's version, see `event_scopes`) or to the registry (a
# place's name) makes it stale at once.
FEED_STORED_FOR = 300


def events_ics(request):
    """The calendar feed. Calendar clients poll it all day, and writing 2,000 events costs about half a
    second, so the feed is stored per language, address and filters until an event or the registry changes.
    Whether it is current is one round trip to the cache (the versions and the feed in one read), no query."""
    filters = _filters(request)
    language = translation.get_language()
    query = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:16]
    key = f"feed:events:{language}:{request.get_host()}:{query}"
    version, body = stored_lookup(key, *CALENDAR)
    state = "hit"
    if body is None:
        state = "miss"
        body = calendar_for(
            calendar_events(**filters).select_related("place")[:2000],
            name=_("craftcity events"),
            language=language,
            url_for=lambda event: _absolute(request, event),
        )
        stored_keep(key, version, body, timeout=FEED_STORED_FOR)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["X-Cache"] = state
    return response


# A visitor's stored event page is kept at most this long. What it shows moves with the clock at a few moments:
# the call opening and closing (the page is never kept past either, see `_keep_for`), the event itself leaving
# the calendar, and the events in its "related" lists leaving it at theirs. Those last are not worth a query
# per render for a side list, so this bound is how long a finished neighbour may linger there: 15 minutes,
# while a festival's busiest page (hundreds of views a minute) is still rendered only a few times an hour.
EVENT_STORED_FOR = 900


def _keep_for(item, call) -> int:
    """Seconds until the next moment the visitor's page changes with the clock alone, at most EVENT_STORED_FOR."""
    now = timezone.now()
    moments = [still_on_until(item), *((call.opens_at, call.closes_at) if call is not None else ())]
    return max(1, int(min([EVENT_STORED_FOR, *((at - now).total_seconds() for at in moments if at and at > now)])))


def event(request, slug):
    """An event's page. Visitors (not signed in, no query string) get the page stored until anything it shows
    changes (see `public.event_scopes`); signed-in people get a fresh render, with their own application and
    forms carrying their CSRF token."""
    page = {}
    return _stored(
        request,
        f"event:{slug}",
        (EVENT, slug),
        lambda: _event_page(request, slug, page),
        keep_for=lambda: page["keep_for"],
        also=(CALENDAR,),
    )


def _event_page(request, slug, page: dict):
    try:
        item = event_detail(slug)
    except Event.DoesNotExist:
        raise Http404 from None
    call = getattr(item, "call", None)
    page["keep_for"] = _keep_for(item, call)
    mine = None
    if call is not None and request.user.is_authenticated:
        # Lazy expiry of overdue offers, for an applicant about to read their own status. A visitor's page shows
        # no status (only the call's dates and capacity, and published results), so their GET writes nothing:
        # the "frequent" schedule's offers_expire_job (every 5 minutes) expires offers for everyone, and
        # offer_accept expires before it accepts, so an overdue offer is never taken up.
        services.call_refresh(call=call)
        person = own_person(request.user)
        if person is not None:
            mine = call.applications.filter(person=person).order_by("-created_at").first()
    competition = getattr(item, "competition", None)
    results = []
    if competition is not None and competition.results_published_at:
        results = (
            Application.objects.filter(
                call__event=item, stage__in=[Application.Stage.WINNER, Application.Stage.FINALIST]
            )
            .select_related("person", "category")
            .prefetch_related("person__names")
            .order_by("-stage", "pk")
        )
    language = translation.get_language()
    questions = [
        {**question, "text": question_label(question, language), "type": question.get("type", "text")}
        for question in (call.questions if call else [])
    ]
    participants = [p for p in item.participants.all() if p.role not in ("finalist", "winner")]
    viewer = own_person(request.user)
    is_juror = bool(competition and viewer and competition.jurors.filter(person=viewer).exists())
    organisers = [o for o in item.organizations.all() if o.role == "organiser"]
    base = request.build_absolute_uri("/").rstrip("/")
    performers = [
        (p.person.display_name, f"{base}{reverse('public:person', args=[p.person_id])}")
        for p in participants
        if p.role == "performer"
    ]
    markup = jsonld.event_jsonld(
        item,
        _absolute(request, item),
        base=base,
        organisers=[link.organization for link in organisers],
        performers=performers,
        sub_events=list(item.sub_events.all()),
    )
    return render(
        request,
        "public/event.html",
        {
            "event": item,
            "call": call,
            "questions": questions,
            "mine": mine,
            "position": services.waiting_position(mine) if mine else None,
            "participants": participants,
            "results": results,
            "competition": competition,
            "is_juror": is_juror,
            "organisers": organisers,
            "jsonld": jsonld.script_tag(markup),
            "supporters": [o for o in item.organizations.all() if o.role != "organiser"],
            "related": related_to_event(item),
        },
    )


def event_ics(request, slug):
    item = get_object_or_404(Event.objects.public().select_related("place"), slug=slug)
    items = [item, *Event.objects.public().filter(parent=item).select_related("place")]
    body = calendar_for(
        items, name=str(item.name), language=translation.get_language(), url_for=lambda e: _absolute(request, e)
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{item.slug}.ics"'
    return response


@login_required
@require_POST
def event_apply(request, slug):
    item = get_object_or_404(Event.objects.public().select_related("call"), slug=slug)
    call = getattr(item, "call", None)
    if call is None:
        raise Http404
    answers = {q["key"]: request.POST.get(f"q_{q['key']}", "") for q in call.questions}
    try:
        application = services.application_submit(
            user=request.user, call=call, answers=answers, attachment=request.FILES.get("attachment")
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal_text(error))
    else:
        if application.status == Application.Status.CONFIRMED:
            messages.success(request, _("Your place is confirmed. We have sent you an e-mail."))
        else:
            messages.info(request, _("All places are taken: you are on the waiting list."))
    return redirect("public:event", slug=slug)


@login_required
@require_POST
def application_action(request, pk, action):
    application = get_object_or_404(Application.objects.select_related("call__event"), pk=pk)
    try:
        if action == "cancel":
            services.application_cancel(user=request.user, application=application)
            messages.success(request, _("Your application is cancelled."))
        elif action == "accept":
            services.offer_accept(user=request.user, application=application)
            messages.success(request, _("Your place is confirmed. We have sent you an e-mail."))
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal_text(error))
        if isinstance(error, PermissionDenied):
            return HttpResponse(refusal_text(error), status=403)
    return redirect("public:event", slug=application.call.event.slug)


@login_required
def event_jury(request, slug):
    """The juror's page: the rubric, each entry with its conflicts (scoring those is refused), a score form."""
    item = get_object_or_404(Event.objects.select_related("competition"), slug=slug)
    competition = getattr(item, "competition", None)
    if competition is None:
        raise Http404
    try:
        juror = services.juror_for(request.user, competition)
    except PermissionDenied as error:
        return HttpResponse(refusal_text(error), status=403)
    if request.method == "POST":
        application = get_object_or_404(Application, pk=request.POST.get("application"), call__event=item)
        try:
            if request.POST.get("declare"):
                services.conflict_declare(user=request.user, application=application, reason=request.POST["declare"])
                messages.success(request, _("Your conflict is recorded; your scores for this entry were withdrawn."))
            else:
                values = {key[2:]: value for key, value in request.POST.items() if key.startswith("c_")}
                services.scores_submit(user=request.user, application=application, values=values)
                messages.success(request, _("Scores saved."))
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, refusal_text(error))
        return redirect("public:event-jury", slug=slug)
    criteria = list(competition.criteria.all())
    rows = [
        {
            "entry": line.application,
            "name": line.name,
            "conflicts": line.conflicts,
            "scores": [(criterion, line.scores.get(criterion.pk)) for criterion in criteria],
        }
        for line in juror_worklist(juror)
    ]
    return render(request, "public/event_jury.html", {"event": item, "competition": competition, "rows": rows})
