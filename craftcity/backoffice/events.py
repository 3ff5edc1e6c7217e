"""Organisers' screens: events with organisers, participants and sub-events; calls; the applications list
(filter, check in, export CSV/XLSX); competitions with categories, rubric and jury, and their results."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from craftcity.core.exporters import Exporter, csv_response, xlsx_response
from craftcity.events import services
from craftcity.events.conflicts import juror_conflicts
from craftcity.events.models import (
    Application,
    Call,
    Category,
    Competition,
    Criterion,
    Event,
    EventOrganization,
    Juror,
    Participant,
)
from craftcity.events.rules import can_manage_event, managed_event_ids
from craftcity.events.selectors import competition_results

from .mixins import BatchedAdmin
from .pickers import LinksChecked

# How each event record reaches its event: the screens below show an organiser only the rows of events they run.
EVENT_PATHS = {
    Event: "pk",
    Call: "event_id",
    Competition: "event_id",
    Category: "competition__event_id",
    Application: "call__event_id",
}


def _managed(request) -> set[int] | None:
    """The events the signed-in user runs (None: all), worked out once per request."""
    if not hasattr(request, "_managed_event_ids"):
        request._managed_event_ids = managed_event_ids(request.user)
    return request._managed_event_ids


class EventScopedChoices:
    """Pickers (an event, a parent event, a call, a category) offer an organiser only what belongs to their events,
    so a saved form cannot point into another organization's event either."""

    def get_field_queryset(self, db, db_field, request):
        queryset = super().get_field_queryset(db, db_field, request)
        model = db_field.remote_field.model
        ids = _managed(request)
        if model not in EVENT_PATHS or ids is None:
            return queryset
        if queryset is None:
            queryset = model._default_manager.using(db)
        return queryset.filter(**{f"{EVENT_PATHS[model]}__in": ids})


class EventScopedAdmin(LinksChecked, EventScopedChoices, BatchedAdmin):
    """Organisers list and open only the records of events they run (events.rules.can_manage_event); another
    event's pages answer 403. Registrars and administrators see everything."""

    def event_of(self, obj) -> Event:
        return obj.event

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        ids = _managed(request)
        return queryset if ids is None else queryset.filter(**{f"{EVENT_PATHS[self.model]}__in": ids})

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and _managed(request) is not None:
            try:
                exists = self.model._default_manager.filter(**{from_field or "pk": object_id}).exists()
            except (ValidationError, ValueError):
                exists = False
            if exists:  # it is there, but not this organiser's: say so rather than "perhaps it was deleted"
                raise PermissionDenied
        return obj

    def _runs(self, request, obj) -> bool:
        return obj is None or can_manage_event(request.user, self.event_of(obj))

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._runs(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._runs(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._runs(request, obj)


class EventOrganizationFormSet(BaseInlineFormSet):
    """An organiser leaves the event organised by one of their organizations (services.event_organizations_check);
    `added` holds the organization that check names for them when they named none and belong to just one."""

    user = None
    added = ()

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        rows = [
            (form.cleaned_data["organization"], form.cleaned_data["role"])
            for form in self.forms
            if form.cleaned_data.get("organization") and not form.cleaned_data.get("DELETE")
        ]
        try:
            wanted = services.event_organizations_check(
                user=self.user, organizations=rows, parent=self.instance.parent, is_new=self.instance.pk is None
            )
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        except PermissionDenied as error:
            raise forms.ValidationError(str(error)) from None
        self.added = wanted[len(rows) :]


class EventOrganizationInline(LinksChecked, admin.TabularInline):
    model = EventOrganization
    formset = EventOrganizationFormSet
    extra = 1
    autocomplete_fields = ["organization"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.user = request.user
        return formset


class ParticipantInline(LinksChecked, admin.TabularInline):
    model = Participant
    extra = 1
    autocomplete_fields = ["person"]
    fields = ["person", "role"]


class SubEventInline(LinksChecked, admin.TabularInline):
    model = Event
    fk_name = "parent"
    extra = 0
    fields = ["slug", "kind", "name", "starts_at", "ends_at", "place", "status"]
    # Chosen from the places the user may see, as the event's own venue: a plain drop-down would list people's
    # home workshops to every organiser.
    autocomplete_fields = ["place"]
    show_change_link = True
    verbose_name = _("sub-event")
    verbose_name_plural = _("sub-events")


@admin.register(Event)
class EventAdmin(EventScopedAdmin):
    list_display = ["__str__", "kind", "starts_at", "place", "status", "schedule", "is_demo"]
    list_filter = ["kind", "status", "schedule", "is_international", "is_demo"]
    search_fields = ["slug", "name"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["place", "parent"]
    # Attendance is recorded by events.services.event_attendance_record (checked against the venue's capacity,
    # and it marks the event held), not typed here.
    readonly_fields = ["attendees"]
    inlines = [EventOrganizationInline, ParticipantInline, SubEventInline]

    def event_of(self, obj) -> Event:
        return obj

    def save_model(self, request, obj, form, change):
        # A schedule or date changed here must reach subscribed calendars too (events.ical's SEQUENCE).
        if change and {"schedule", "starts_at", "ends_at", "is_all_day"} & set(form.changed_data):
            obj.sequence += 1
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for formset in formsets:
            for organization, role in getattr(formset, "added", ()):
                # The organiser's own organization, named for them: saved like the inline's other rows.
                link = EventOrganization(event=form.instance, organization=organization, role=role)
                link.full_clean()
                link.save()
                self.message_user(
                    request,
                    _("%(organization)s, your organization, was named the organiser.") % {"organization": organization},
                    messages.INFO,
                )


@admin.register(Call)
class CallAdmin(EventScopedAdmin):
    list_display = ["__str__", "opens_at", "closes_at", "capacity", "has_waiting_list"]
    autocomplete_fields = ["event"]
    search_fields = ["event__slug", "event__name"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "capacity" in form.changed_data:
            services.call_seats_offer(call=obj)  # more seats go to the waiting list at once


class ExportRows(Exporter):
    """One header, then rows: the applications list as organisers see it."""

    title = "applications"
    columns = [_("id"), _("name"), _("country"), _("status"), _("stage"), _("category"), _("applied at"),
              _("checked in at"), _("answers")]  # fmt: skip

    def __init__(self, queryset):
        self.queryset = queryset.select_related("person__country", "category").prefetch_related("person__names")

    def header(self):
        return [str(column) for column in self.columns]

    def rows(self):
        for a in self.queryset:
            yield [
                a.pk, a.person.display_name, a.person.country.iso_code if a.person.country else "",
                a.get_status_display(), a.get_stage_display(), str(a.category or ""),
                timezone.localtime(a.created_at).strftime("%Y-%m-%d %H:%M"),
                timezone.localtime(a.checked_in_at).strftime("%Y-%m-%d %H:%M") if a.checked_in_at else "",
                "; ".join(f"{k}: {v}" for k, v in (a.answers or {}).items()),
            ]  # fmt: skip


@admin.register(Application)
class ApplicationAdmin(EventScopedAdmin):
    list_display = ["person", "call", "status", "stage", "category", "created_at", "offer_expires_at", "checked_in_at"]
    list_filter = [
        "status",
        "stage",
        ("checked_in_at", admin.EmptyFieldListFilter),
        ("call__event", admin.RelatedOnlyFieldListFilter),  # only the events whose applications are listed
    ]
    search_fields = ["person__names__full_name", "call__event__slug"]
    readonly_fields = [
        "status", "offered_at", "offer_expires_at", "cancelled_at", "checked_in_at", "reminded_at", "attachment_file",
    ]  # fmt: skip
    exclude = ["attachment"]  # a private file: shown as a download link below, never as a media URL
    autocomplete_fields = ["person"]
    actions = ["check_in", "cancel", "export_csv", "export_xlsx", "shortlist", "make_finalists", "make_winners"]

    def event_of(self, obj) -> Event:
        return obj.call.event

    @admin.display(description=_("attachment"))
    def attachment_file(self, obj):
        if not obj or not obj.attachment:
            return "—"
        url = reverse("admin:events_application_attachment", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.attachment.name.rsplit("/", 1)[-1])

    def get_urls(self):
        download = path(
            "<int:pk>/attachment/",
            self.admin_site.admin_view(self.attachment_view),
            name="events_application_attachment",
        )
        return [download, *super().get_urls()]

    def attachment_view(self, request, pk: int):
        """The applicant's file, for who may see the application (the event's organisers and registrars)."""
        application = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, application) or not application.attachment:
            raise Http404
        name = application.attachment.name.rsplit("/", 1)[-1]
        return FileResponse(application.attachment.open("rb"), as_attachment=True, filename=name)

    def has_add_permission(self, request):
        return False  # applications come from the artisans themselves (site or API)

    def get_readonly_fields(self, request, obj=None):
        # Whose application it is and to which call are the applicant's doing: moving it to another call or
        # person would skip the capacity, the waiting list and the duplicate check of application_submit.
        return [*super().get_readonly_fields(request, obj), "call", "person"]

    @admin.action(description=_("Check in the selected participants"))
    def check_in(self, request, queryset):
        done = 0
        for application in queryset.select_related("call__event"):
            try:
                services.application_check_in(user=request.user, application=application)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(
                    request, f"{application}: {' '.join(getattr(error, 'messages', [str(error)]))}", messages.WARNING
                )
        self.message_user(request, _("%(n)s checked in.") % {"n": done})

    @admin.action(description=_("Cancel the selected applications (frees seats for the waiting list)"))
    def cancel(self, request, queryset):
        for application in queryset.select_related("call__event"):
            try:
                services.application_cancel(user=request.user, application=application)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(
                    request, f"{application}: {' '.join(getattr(error, 'messages', [str(error)]))}", messages.WARNING
                )

    def _advance(self, request, queryset, stage):
        by_competition = {}
        for application in queryset.select_related("call__event__competition"):
            competition = getattr(application.call.event, "competition", None)
            if competition is not None:
                by_competition.setdefault(competition, []).append(application.pk)
        for competition, ids in by_competition.items():
            try:
                services.entries_advance(user=request.user, competition=competition, application_ids=ids, stage=stage)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR)

    @admin.action(description=_("Shortlist the selected entries"))
    def shortlist(self, request, queryset):
        self._advance(request, queryset, Application.Stage.SHORTLISTED)

    @admin.action(description=_("Make the selected entries finalists"))
    def make_finalists(self, request, queryset):
        self._advance(request, queryset, Application.Stage.FINALIST)

    @admin.action(description=_("Make the selected entries winners"))
    def make_winners(self, request, queryset):
        self._advance(request, queryset, Application.Stage.WINNER)

    @admin.action(description=_("Export the selected applications as CSV"))
    def export_csv(self, request, queryset):
        return csv_response(ExportRows(queryset), "applications.csv")

    @admin.action(description=_("Export the selected applications as XLSX"))
    def export_xlsx(self, request, queryset):
        return xlsx_response([ExportRows(queryset)], "applications.xlsx")


class CategoryInline(admin.TabularInline):
    model = Category
    extra = 1


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 1


class JurorInline(LinksChecked, EventScopedChoices, admin.TabularInline):
    model = Juror
    extra = 1
    autocomplete_fields = ["person"]
    readonly_fields = ["conflicts"]
    fields = ["person", "is_chair", "categories", "conflicts"]

    @admin.display(description=_("conflicts of interest"))
    def conflicts(self, juror):
        if not juror.pk:
            return "—"
        found = juror_conflicts(juror)
        if not found:
            return _("none found")
        return format_html_join("; ", "#{}: {}", ((pk, ", ".join(reasons)) for pk, reasons in found.items()))


@admin.register(Competition)
class CompetitionAdmin(EventScopedAdmin):
    list_display = ["__str__", "is_blind", "results_published_at"]
    autocomplete_fields = ["event"]
    readonly_fields = ["results_published_at", "ranking"]
    inlines = [CategoryInline, CriterionInline, JurorInline]
    actions = ["publish"]

    @admin.display(description=_("normalized ranking (z-scores; tie-break: median z, raw mean, chair, submission)"))
    def ranking(self, competition):
        if not competition.pk:
            return "—"
        names = dict(
            (a.pk, f"{a.person.display_name} [{a.get_stage_display()}]")
            for a in Application.objects.filter(call__event__competition=competition).select_related("person")
        )
        rows = competition_results(competition)[:50]
        return format_html_join(
            "",
            "<div>{}. {} — z̄ {} · raw {} · {} jurors{}</div>",
            ((r.rank, names.get(r.entry, r.entry), f"{r.mean_z:.3f}", f"{r.mean_raw:.1f}", r.jurors,
              f" · tie decided by {r.decided_by}" if r.decided_by else "") for r in rows),
        )  # fmt: skip

    @admin.action(description=_("Publish the results (finalists, winners, awards)"))
    def publish(self, request, queryset):
        for competition in queryset.select_related("event"):
            try:
                services.results_publish(user=request.user, competition=competition)
                self.message_user(request, _("Results of %(event)s published.") % {"event": competition.event})
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR)
