"""Back-office screens for the music catalogue: repertoire with credits and passings on, ensembles' members,
performances, recordings with their captions. Every save goes through craftcity.music.services (one batch per save,
refusals shown on the form); a recording's file is uploaded through the form's own field and checked by content."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from craftcity.accounts.rules import can_edit_music, can_publish_music
from craftcity.music import services
from craftcity.music.models import (
    Caption,
    EnsembleMember,
    Instrument,
    MusicalWork,
    MusicalWorkCredit,
    Performance,
    Recording,
    Transmission,
)

from .mixins import BatchedAdmin, ServiceSaves, refusals_on_form, save_through_services
from .pickers import LinksChecked


class MusicAdmin(LinksChecked, BatchedAdmin):
    """Curators (music.edit_music) change the music catalogue; the rule is asked here as in the services."""

    def has_add_permission(self, request, *args):
        return can_edit_music(request.user) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return can_edit_music(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return can_edit_music(request.user) and super().has_delete_permission(request, obj)


@admin.register(Instrument)
class InstrumentAdmin(ServiceSaves, MusicAdmin):
    list_display = ["__str__", "slug"]
    search_fields = ["slug", "name"]

    def service_save(self, request, obj):
        services.instrument_save(actor=request.user, instrument=obj)

    def service_delete(self, request, obj):
        services.instrument_delete(actor=request.user, instrument=obj)


class CreditInline(LinksChecked, admin.TabularInline):
    model = MusicalWorkCredit
    extra = 1
    autocomplete_fields = ["person"]
    fields = ["position", "person", "role", "note"]


class TransmissionInline(LinksChecked, admin.TabularInline):
    model = Transmission
    fk_name = "work"
    extra = 0
    autocomplete_fields = ["teacher", "student"]
    fields = ["teacher", "student", "year", "note"]


def _credits(formset) -> list[dict]:
    rows = [
        form.cleaned_data
        for form in formset.forms
        if form.has_changed() or form.instance.pk
        if form not in formset.deleted_forms and form.cleaned_data
    ]
    rows.sort(key=lambda row: row.get("position") or 0)
    return [{"person": row.get("person"), "role": row["role"], "note": row.get("note") or {}} for row in rows]


class _Publishing:
    actions = ["publish", "withdraw"]
    publish_service = withdraw_service = None

    @admin.action(description=_("Publish the selected records"))
    def publish(self, request, queryset):
        self._status(request, queryset, type(self).publish_service)

    @admin.action(description=_("Withdraw the selected records"))
    def withdraw(self, request, queryset):
        self._status(request, queryset, type(self).withdraw_service)

    def _status(self, request, queryset, service):
        if not can_publish_music(request.user):
            refusal = _("Only curators publish or withdraw repertoire and recordings.")
            self.message_user(request, refusal, messages.ERROR)
            return
        for obj in queryset:
            try:
                service(request.user, obj)
            except ValidationError as error:
                self.message_user(request, f"{obj}: {' '.join(error.messages)}", messages.ERROR)


@admin.register(MusicalWork)
class MusicalWorkAdmin(_Publishing, MusicAdmin):
    list_display = ["__str__", "kind", "discipline", "rights", "status", "is_demo"]
    list_filter = ["kind", "status", "rights", "discipline", "is_demo"]
    search_fields = ["title", "original_title", "iswc"]
    autocomplete_fields = ["discipline", "tradition", "instruments"]
    readonly_fields = ["status", "published_at"]
    inlines = [CreditInline, TransmissionInline]
    publish_service = staticmethod(lambda actor, work: services.musical_work_publish(actor=actor, work=work))
    withdraw_service = staticmethod(lambda actor, work: services.musical_work_withdraw(actor=actor, work=work))

    def save_model(self, request, obj, form, change):
        # A new work is written in save_related, where its credits (an inline) are known.
        if change:
            with refusals_on_form():
                services.musical_work_update(actor=request.user, work=obj, **form.cleaned_data)

    def save_related(self, request, form, formsets, change):
        credits = next(f for f in formsets if f.model is MusicalWorkCredit)
        work = form.instance
        with refusals_on_form():
            if not change:
                created = services.musical_work_create(actor=request.user, credits=_credits(credits),
                                                       **form.cleaned_data)  # fmt: skip
                work.pk, work._state.adding, work._state.db = created.pk, False, created._state.db
            elif credits.has_changed():
                services.musical_work_credits_set(actor=request.user, work=work, credits=_credits(credits))
        credits.save(commit=False)  # writes nothing; tells the change message what changed
        for formset in formsets:
            if formset.model is Transmission:
                for transmission_form in formset.forms:
                    transmission_form.instance.work = work
                save_through_services(
                    request, formset,
                    save=lambda request, row: services.transmission_save(actor=request.user, transmission=row),
                    delete=lambda request, row: services.transmission_delete(actor=request.user, transmission=row),
                )  # fmt: skip

    def delete_model(self, request, obj):
        with refusals_on_form():
            services.musical_work_delete(actor=request.user, work=obj)


@admin.register(EnsembleMember)
class EnsembleMemberAdmin(ServiceSaves, MusicAdmin):
    list_display = ["person", "ensemble", "instrument", "role", "start_year", "end_year", "is_demo"]
    list_filter = ["role", "instrument", "ensemble"]
    search_fields = ["person__names__full_name", "ensemble__name"]
    autocomplete_fields = ["ensemble", "person", "instrument"]

    def service_save(self, request, obj):
        services.ensemble_member_save(actor=request.user, member=obj)

    def service_delete(self, request, obj):
        services.ensemble_member_delete(actor=request.user, member=obj)


@admin.register(Performance)
class PerformanceAdmin(ServiceSaves, MusicAdmin):
    list_display = ["work", "event", "ensemble", "position", "is_demo"]
    search_fields = ["work__title", "event__name"]
    autocomplete_fields = ["work", "event", "ensemble", "performers"]

    def service_save(self, request, obj):
        services.performance_save(actor=request.user, performance=obj)

    def save_related(self, request, form, formsets, change):
        with refusals_on_form():
            services.performance_save(
                actor=request.user, performance=form.instance, performers=form.cleaned_data.get("performers", [])
            )

    def service_delete(self, request, obj):
        services.performance_delete(actor=request.user, performance=obj)


class RecordingForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("Audio or video file"), required=False,
        help_text=_("MP3, Ogg (Vorbis or Opus), M4A/AAC, FLAC, WAV, MP4 or WebM; its tags are removed."),
    )  # fmt: skip

    class Meta:
        model = Recording
        fields = ["work", "title", "performance", "ensemble", "performers", "upload", "external_url", "duration",
                  "recorded_on", "place", "rights_statement", "license", "credit_line", "description"]  # fmt: skip


class CaptionInline(admin.StackedInline):
    model = Caption
    extra = 0
    fields = ["language", "kind", "text"]


@admin.register(Recording)
class RecordingAdmin(_Publishing, MusicAdmin):
    form = RecordingForm
    list_display = ["__str__", "work", "media", "duration", "status", "is_demo"]
    list_filter = ["media", "status", "is_demo"]
    search_fields = ["title", "work__title"]
    autocomplete_fields = ["work", "performance", "ensemble", "performers", "place"]
    readonly_fields = ["status", "published_at", "mime_type", "file_size"]
    inlines = [CaptionInline]
    publish_service = staticmethod(lambda actor, rec: services.recording_publish(actor=actor, recording=rec))
    withdraw_service = staticmethod(lambda actor, rec: services.recording_withdraw(actor=actor, recording=rec))

    def save_model(self, request, obj, form, change):
        data = dict(form.cleaned_data)
        upload, performers = data.pop("upload", None), data.pop("performers", [])
        with refusals_on_form():
            if change:
                services.recording_update(actor=request.user, recording=obj, upload=upload, performers=performers,
                                          **data)  # fmt: skip
            else:
                work = data.pop("work")
                created = services.recording_create(actor=request.user, work=work, upload=upload,
                                                    performers=performers, **data)  # fmt: skip
                obj.pk, obj._state.adding, obj._state.db = created.pk, False, created._state.db

    def save_related(self, request, form, formsets, change):
        recording = form.instance
        for formset in formsets:
            save_through_services(
                request, formset,
                save=lambda request, row: services.caption_save(
                    actor=request.user, recording=recording, language=row.language, kind=row.kind, text=row.text
                ),
                delete=lambda request, row: services.caption_delete(actor=request.user, caption=row),
            )  # fmt: skip

    def delete_model(self, request, obj):
        with refusals_on_form():
            services.recording_delete(actor=request.user, recording=obj)
