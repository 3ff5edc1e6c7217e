"""Back-office screens for imports: upload with dry run, the result with its error table and report, and undo."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from craftcity.accounts.rules import can_import
from craftcity.core.translation import as_translated
from craftcity.core.uploads import human_size, upload_max_bytes
from craftcity.imports.columns import FIELDS
from craftcity.imports.issues import ImportFileError, render, render_issue
from craftcity.imports.mapping import VOCABULARY_MODELS
from craftcity.imports.models import ImportBatch, ImportSource, ImportUpload, ValueMapping
from craftcity.imports.reports import report_bytes
from craftcity.imports.services import (
    import_batch_undo,
    import_source_get_or_create,
    import_upload_create,
    import_upload_discard,
    import_upload_rerun,
    max_bytes,
    value_mappings_save,
)

ISSUES_SHOWN = 500


# Vocabularies small enough to offer every entry in the mapping table, not only the suggestions.
LISTED_IN_FULL = {ValueMapping.Vocabulary.CRAFT, ValueMapping.Vocabulary.REGION}


def _mapping_row(index: int, unknown: dict) -> dict:
    """One line of the mapping table: the value, its rows, and the decisions offered (suggestions first)."""
    vocabulary = unknown["vocabulary"]
    suggested = [(f"map:{s['id']}", as_translated(s["label"]).text()) for s in unknown.get("suggestions", [])]
    others = []
    if vocabulary in LISTED_IN_FULL:
        taken = {value for value, _label in suggested}
        entries = VOCABULARY_MODELS[vocabulary].objects.all()
        others = sorted(
            ((f"map:{entry.pk}", str(entry)) for entry in entries if f"map:{entry.pk}" not in taken),
            key=lambda option: option[1].casefold(),
        )
    creatable = vocabulary in (ValueMapping.Vocabulary.CRAFT, ValueMapping.Vocabulary.ORGANIZATION)
    return {
        **unknown,
        "index": index,
        "vocabulary_label": ValueMapping.Vocabulary(vocabulary).label,
        "suggested": suggested,
        "others": others,
        "can_create": creatable,
        "proposed": unknown.get("proposed", ValueMapping.Action.MAP),
        "more_rows": max(unknown.get("count", 0) - len(unknown.get("rows", [])), 0),
    }


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Spreadsheet (CSV or XLSX)"))
    source = forms.ModelChoiceField(
        ImportSource.objects.all(),
        label=gettext_lazy("Source"),
        required=False,
        help_text=gettext_lazy("Who sent the list; its saved column mapping is used."),
    )
    new_source = forms.CharField(
        label=gettext_lazy("or a new source"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("e.g. “Turkistan regional association”"),
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("Mode"),
        choices=ImportBatch.Mode.choices,
        initial=ImportBatch.Mode.DRY_RUN,
        widget=forms.RadioSelect,
    )
    column_mapping = forms.CharField(
        label=gettext_lazy("Column mapping"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=gettext_lazy("Only for columns that are not recognized, one per line: Column name = field."),
    )

    def clean_column_mapping(self) -> dict[str, str]:
        mapping = {}
        for line in self.cleaned_data["column_mapping"].splitlines():
            if not line.strip():
                continue
            column, _sep, field = line.rpartition("=")
            field = field.strip()
            if not column.strip() or field not in FIELDS:
                raise ValidationError(
                    _("“%(line)s”: write “Column name = field”, where field is one of %(fields)s.")
                    % {"line": line.strip(), "fields": ", ".join(FIELDS)}
                )
            mapping[column.strip()] = field
        return mapping


@admin.register(ImportSource)
class ImportSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "updated_at"]
    search_fields = ["name"]

    def has_module_permission(self, request):
        return can_import(request.user)

    has_view_permission = has_add_permission = has_change_permission = has_delete_permission = (
        lambda self, request, obj=None: can_import(request.user)
    )


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = [
        "created_at", "file_name", "source", "status", "user", "rows_total", "rows_created", "rows_unchanged",
        "rows_rejected", "rows_flagged", "is_undone",
    ]  # fmt: skip
    list_filter = ["status", "mode", "source"]
    search_fields = ["file_name", "source__name"]
    list_select_related = ["source", "user", "change_batch"]
    actions = ["undo_imports"]
    change_list_template = "imports/change_list.html"

    def has_module_permission(self, request):
        return can_import(request.user)

    def has_view_permission(self, request, obj=None):
        return can_import(request.user)

    def has_add_permission(self, request):
        return False  # files come in through the upload screen

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(boolean=True, description=gettext_lazy("undone"))
    def is_undone(self, obj):
        return obj.is_undone

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("upload/", wrap(self.upload_view), name="imports_importbatch_upload"),
            path("<int:pk>/result/", wrap(self.result_view), name="imports_importbatch_result"),
            path("uploads/<int:pk>/", wrap(self.status_view), name="imports_importbatch_status"),
            path("<int:pk>/report.xlsx", wrap(self.report_view), name="imports_importbatch_report"),
            path("<int:pk>/undo/", wrap(self.undo_view), name="imports_importbatch_undo"),
            path("<int:pk>/mapping/", wrap(self.mapping_view), name="imports_importbatch_mapping"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return HttpResponseRedirect(reverse("admin:imports_importbatch_result", args=[object_id]))

    def _check(self, request):
        if not can_import(request.user):
            raise PermissionDenied

    def upload_view(self, request):
        self._check(request)
        # A file over the ceiling of all uploads never gets here (core.uploads refuses it as it streams in); one
        # over the import limit is refused by import_upload_create, from its size, before it is kept or read.
        limit = min(max_bytes(), upload_max_bytes())
        form = None
        if request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                response = self._run(request, form)
                if response is not None:
                    return response
        form = form or ImportForm()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import a list of people"),
            "form": form,
            "limit": human_size(limit),
        }
        return TemplateResponse(request, "imports/upload.html", context)

    def _run(self, request, form):
        source = form.cleaned_data["source"]
        if source is None and form.cleaned_data["new_source"].strip():
            source = import_source_get_or_create(name=form.cleaned_data["new_source"])
        try:
            upload = import_upload_create(
                actor=request.user, upload=form.cleaned_data["file"], source=source,
                mode=form.cleaned_data["mode"], column_mapping=form.cleaned_data["column_mapping"],
            )  # fmt: skip
        except ImportFileError as error:
            form.add_error("file", error.message)
            return None
        if upload.status == ImportUpload.Status.FAILED:  # already read (a worker was quick, or runs inline)
            form.add_error("file", render(upload.problem["code"], upload.problem.get("params")))
            return None
        return self._after(request, upload) or HttpResponseRedirect(
            reverse("admin:imports_importbatch_status", args=[upload.pk])
        )

    def _after(self, request, upload: ImportUpload):
        """Where a finished upload leads: its result, or the form again with the notice."""
        if upload.status != ImportUpload.Status.DONE:
            return None
        if upload.batch_id is None:  # already imported: nothing recorded, say so on the form
            messages.warning(request, render_issue(upload.problem))
            return HttpResponseRedirect(reverse("admin:imports_importbatch_upload"))
        return HttpResponseRedirect(reverse("admin:imports_importbatch_result", args=[upload.batch_id]))

    def status_view(self, request, pk):
        """The upload while the worker has it: refreshes itself (no JavaScript needed) until it is done."""
        self._check(request)
        upload = get_object_or_404(ImportUpload, pk=pk, user=request.user)
        finished = self._after(request, upload)
        if finished is not None:
            return finished
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import of %(file)s") % {"file": upload.file_name},
            "upload": upload,
            "problem": render(upload.problem["code"], upload.problem.get("params")) if upload.problem else "",
        }
        return TemplateResponse(request, "imports/status.html", context)

    def result_view(self, request, pk):
        self._check(request)
        batch = get_object_or_404(ImportBatch.objects.select_related("source", "user", "change_batch"), pk=pk)
        shown = batch.issues[:ISSUES_SHOWN]
        if len(batch.issues) > ISSUES_SHOWN and batch.issues[-1]["code"] == "more_issues":
            shown.append(batch.issues[-1])  # how many more there were than the report lists
        issues = [{**issue, "message": render_issue(issue)} for issue in shown]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import of %(file)s") % {"file": batch.file_name},
            "batch": batch,
            "issues": issues,
            "issues_hidden": max(len(batch.issues) - len(shown), 0),
            "candidates": batch.candidates[:ISSUES_SHOWN],
            "unknown_values": [_mapping_row(index, unknown) for index, unknown in enumerate(batch.unknown_values)],
            "kept_upload": self._kept_upload(request, batch),
            "modes": ImportBatch.Mode.choices,
        }
        return TemplateResponse(request, "imports/result.html", context)

    @staticmethod
    def _kept_upload(request, batch: ImportBatch) -> ImportUpload | None:
        """The file of this run, when it is kept for another run by the registrar who sent it."""
        return ImportUpload.objects.filter(batch=batch, user=request.user).exclude(file="").first()

    def mapping_view(self, request, pk):
        """Save the decisions of the mapping table; then, if asked, run the kept file again with them."""
        self._check(request)
        batch = get_object_or_404(ImportBatch.objects.select_related("source"), pk=pk)
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:imports_importbatch_result", args=[pk]))
        upload = self._kept_upload(request, batch)
        if request.POST.get("discard") and upload is not None:
            import_upload_discard(actor=request.user, upload=upload)
            messages.success(request, _("The kept file was deleted."))
            return HttpResponseRedirect(reverse("admin:imports_importbatch_result", args=[pk]))
        choices = []
        for index, unknown in enumerate(batch.unknown_values):
            decision = request.POST.get(f"decision-{index}", "")
            if not decision:
                continue  # decided later: the rows stay held back
            action, _sep, target = decision.partition(":")
            choices.append({"vocabulary": unknown["vocabulary"], "value": unknown["value"], "action": action,
                            "target": target or None})  # fmt: skip
        try:
            saved = value_mappings_save(actor=request.user, source=batch.source, choices=choices)
            mode = request.POST.get("then", "")
            if mode and upload is not None:
                upload = import_upload_rerun(actor=request.user, upload=upload, mode=mode)
                return self._after(request, upload) or HttpResponseRedirect(
                    reverse("admin:imports_importbatch_status", args=[upload.pk])
                )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(error.messages) if isinstance(error, ValidationError) else str(error))
            return HttpResponseRedirect(reverse("admin:imports_importbatch_result", args=[pk]))
        messages.success(
            request,
            _("%(count)s decisions saved for the lists of “%(source)s”; they apply the next time a file is imported.")
            % {"count": len(saved), "source": batch.source or _("files without a source")},
        )
        return HttpResponseRedirect(reverse("admin:imports_importbatch_result", args=[pk]))

    def report_view(self, request, pk):
        self._check(request)
        batch = get_object_or_404(ImportBatch, pk=pk)
        response = HttpResponse(
            report_bytes(batch), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="import-{batch.pk}-report.xlsx"'
        return response

    def undo_view(self, request, pk):
        self._check(request)
        batch = get_object_or_404(ImportBatch, pk=pk)
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:imports_importbatch_result", args=[pk]))
        self._undo(request, batch)
        return HttpResponseRedirect(reverse("admin:imports_importbatch_result", args=[pk]))

    def _undo(self, request, batch: ImportBatch) -> None:
        try:
            import_batch_undo(actor=request.user, batch=batch)
        except (ValidationError, PermissionDenied) as error:
            text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            self.message_user(request, f"{batch}: {text}", messages.ERROR)
        else:
            self.message_user(request, _("Import undone: %(batch)s") % {"batch": batch}, messages.SUCCESS)

    @admin.action(description=gettext_lazy("Undo the selected imports"))
    def undo_imports(self, request, queryset):
        for batch in queryset.select_related("change_batch").order_by("-created_at"):
            self._undo(request, batch)
