"""Back office of the dossier: reporting obligations, narrative sections, the indicator dashboard with
year-over-year charts and downloadable numbers, and dossier builds with progress."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from craftcity.accounts.rules import can_build_dossier, can_keep_reports
from craftcity.core.exporters import csv_response, xlsx_response
from craftcity.dossier.exporters import IndicatorExporter
from craftcity.dossier.models import DossierBuild, DossierTemplate, NarrativeSection, ReportingObligation
from craftcity.dossier.report import chart_svg, printed_table
from craftcity.dossier.selectors import (
    REMINDER_DAYS,
    indicators_with_series,
    obligations_due_soon,
    obligations_overview,
)
from craftcity.dossier.services import (
    DossierError,
    check_inputs,
    dossier_build_request,
    obligation_sentence,
    obligation_submit,
)

from .mixins import BatchedAdmin

# The admin index shows the reports falling due (templates/admin/dossier_index.html).
admin.site.index_template = "admin/dossier_index.html"


def can_use_dossier(user) -> bool:
    return can_build_dossier(user)


@admin.register(ReportingObligation)
class ReportingObligationAdmin(BatchedAdmin):
    list_display = ["__str__", "award", "kind", "due_on", "status", "submitted_on", "submitted_by"]
    list_filter = ["kind", "status"]
    list_select_related = ["award__programme", "award__locality", "submitted_by"]
    autocomplete_fields = ["award"]
    date_hierarchy = "due_on"
    # Submitting goes through obligation_submit (the dashboard's form): who and the file are recorded there.
    readonly_fields = ["status", "submitted_on", "submitted_by", "submission"]

    def changelist_view(self, request, extra_context=None):
        today = timezone.localdate()
        for obligation in obligations_due_soon(today=today):
            messages.warning(request, obligation_sentence(obligation, today))
        return super().changelist_view(request, extra_context)


class SubmitReportForm(forms.Form):
    submitted_on = forms.DateField(label=gettext_lazy("Submitted on"), widget=forms.DateInput(attrs={"type": "date"}))
    submission = forms.FileField(label=gettext_lazy("Report as sent (PDF, DOCX, ODT or ZIP)"), required=False)
    notes = forms.CharField(label=gettext_lazy("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


@admin.register(NarrativeSection)
class NarrativeSectionAdmin(BatchedAdmin):
    list_display = ["__str__", "template", "position", "updated_at"]
    list_filter = ["template"]
    search_fields = ["title", "body"]


class DashboardForm(forms.Form):
    as_of = forms.DateField(label=gettext_lazy("As of"), widget=forms.DateInput(attrs={"type": "date"}))


class BuildForm(forms.Form):
    template = forms.ChoiceField(label=gettext_lazy("Dossier"), choices=DossierTemplate.choices)
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=settings.LANGUAGES)
    as_of = forms.DateField(label=gettext_lazy("As of"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                check_inputs(as_of=data["as_of"], template=data["template"], language=data["language"])
            except DossierError as error:
                raise forms.ValidationError(str(error)) from error
        return data


@admin.register(DossierBuild)
class DossierBuildAdmin(admin.ModelAdmin):
    """The dashboard lives here: the admin index links to it as "Dossier builds"."""

    list_display = ["__str__", "status", "progress", "requested_by", "created_at", "finished_at"]
    readonly_fields = [f.name for f in DossierBuild._meta.fields]

    def has_module_permission(self, request):
        return can_use_dossier(request.user)

    def has_view_permission(self, request, obj=None):
        return can_use_dossier(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("dashboard/", view(self.dashboard_view), name="dossier_dashboard"),
            path("dashboard/<str:code>.<str:fmt>", view(self.numbers_view), name="dossier_numbers"),
            path("reports/<int:pk>/submit/", view(self.report_submit_view), name="dossier_report_submit"),
            path("reports/<int:pk>/file/", view(self.report_file_view), name="dossier_report_file"),
            path("build/", view(self.build_view), name="dossier_build"),
            path("build/<int:pk>/", view(self.status_view), name="dossier_build_status"),
            path("build/<int:pk>/<str:kind>/", view(self.download_view), name="dossier_build_download"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        return redirect("admin:dossier_dashboard")

    def _check(self, request):
        if not can_use_dossier(request.user):
            raise PermissionDenied

    def _as_of(self, request) -> dt.date:
        form = DashboardForm(request.GET or None)
        if form.is_valid():
            return min(form.cleaned_data["as_of"], timezone.localdate())
        return timezone.localdate()

    def dashboard_view(self, request):
        self._check(request)
        as_of = self._as_of(request)
        language = translation.get_language()
        error = None
        try:
            check_inputs(as_of=as_of, template="wcc", language=language)
            computed = indicators_with_series(as_of)
        except DossierError as problem:
            error, computed = str(problem), []
        cards = [
            {
                "code": item.indicator.code,
                "name": item.indicator.label(language),
                "counts": item.indicator.description(language),
                "total": item.result.total,
                "chart": mark_safe(chart_svg(item, language)),
                "tables": [printed_table(table, language, limit=15) for table in item.result.tables],
            }
            for item in computed
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Indicators and dossier"),
            "as_of": as_of,
            "error": error,
            "cards": cards,
            "reports": obligations_overview(today=timezone.localdate()),
            "today": timezone.localdate(),
            "can_keep_reports": can_keep_reports(request.user),
            "submit_form": SubmitReportForm(initial={"submitted_on": timezone.localdate()}),
            "reminder_days": REMINDER_DAYS,
            "form": DashboardForm(initial={"as_of": as_of}),
            "build_form": BuildForm(initial={"as_of": as_of, "language": language, "template": "wcc"}),
            "builds": DossierBuild.objects.all()[:10],
        }
        return TemplateResponse(request, "admin/dossier/dashboard.html", context)

    def numbers_view(self, request, code, fmt):
        self._check(request)
        as_of = self._as_of(request)
        language = translation.get_language()
        try:
            check_inputs(as_of=as_of, template="wcc", language=language)
            computed = indicators_with_series(as_of, codes=[code])
        except DossierError as error:
            return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
        if not computed or fmt not in ("csv", "xlsx"):
            raise Http404
        exporter = IndicatorExporter(computed[0], language)
        name = f"{code}-{as_of:%Y-%m-%d}-{language}.{fmt}"
        if fmt == "csv":
            return csv_response(exporter, name)
        return xlsx_response([exporter], name)

    def report_submit_view(self, request, pk):
        self._check(request)
        if not can_keep_reports(request.user):
            raise PermissionDenied
        obligation = get_object_or_404(ReportingObligation, pk=pk)
        if request.method != "POST":
            return redirect("admin:dossier_dashboard")
        form = SubmitReportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                obligation_submit(
                    actor=request.user,
                    obligation=obligation,
                    submitted_on=form.cleaned_data["submitted_on"],
                    upload=form.cleaned_data["submission"],
                    notes=form.cleaned_data["notes"] or None,
                )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, f"{obligation}: {message}")
            else:
                messages.success(request, _("%(report)s recorded as submitted.") % {"report": obligation})
        else:
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                for error in errors:
                    messages.error(request, f"{obligation}: {label}: {error}")
        return redirect(reverse("admin:dossier_dashboard") + "#reports")

    def report_file_view(self, request, pk):
        self._check(request)
        obligation = get_object_or_404(ReportingObligation, pk=pk)
        if not obligation.submission:
            raise Http404
        name = obligation.submission.name.rsplit("/", 1)[-1]
        return FileResponse(obligation.submission.open("rb"), as_attachment=True, filename=name)

    def build_view(self, request):
        self._check(request)
        if request.method != "POST":
            return redirect("admin:dossier_dashboard")
        form = BuildForm(request.POST)
        if not form.is_valid():
            for error in form.errors.get("__all__", []) + [
                e for f, es in form.errors.items() if f != "__all__" for e in es
            ]:
                messages.error(request, error)
            return redirect("admin:dossier_dashboard")
        build = dossier_build_request(actor=request.user, **form.cleaned_data)
        return redirect("admin:dossier_build_status", pk=build.pk)

    def status_view(self, request, pk):
        self._check(request)
        build = get_object_or_404(DossierBuild, pk=pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Dossier build"),
            "build": build,
            "running": build.status in (DossierBuild.Status.QUEUED, DossierBuild.Status.RUNNING),
            "dashboard_url": reverse("admin:dossier_dashboard"),
        }
        return TemplateResponse(request, "admin/dossier/build.html", context)

    def download_view(self, request, pk, kind):
        self._check(request)
        build = get_object_or_404(DossierBuild, pk=pk, status=DossierBuild.Status.DONE)
        file = {"pdf": build.pdf, "xlsx": build.annexes}.get(kind)
        if not file:
            raise Http404
        return FileResponse(file.open("rb"), as_attachment=True, filename=file.name.rsplit("/", 1)[-1])
