"""Back-office screens for the catalogue: works with makers, provenance and images; collections; exhibitions.

A work, its makers and its provenance are saved by craftcity.works.services, as through the API, so the
same rules hold (an artisan edits only their own works and stays one of their makers); a refusal comes
back on the form. Saves go through the admin's change batch; uploads are checked by the same rules as the
services (type, size, pixel count) and their derivatives are made once, with location metadata stripped."""

from django import forms
from django.contrib import admin, messages
from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from craftcity.accounts.rules import can_catalogue, can_edit_work, can_publish_work
from craftcity.works import services
from craftcity.works.images import check_image, make_derivatives
from craftcity.works.models import Collection, Exhibition, ExhibitionWork, ProvenanceEvent, Work, WorkImage, WorkMaker

from .mixins import BatchedAdmin, refusals_on_form
from .pickers import LinksChecked


def _may_edit_makers(request, work) -> bool:
    return can_edit_work(request.user, work) if work is not None else request.user.has_perm("works.add_work")


class WorkMakerInline(LinksChecked, admin.TabularInline):
    """Artisans list the makers of their own works, as through the API; the services decide what may be saved."""

    model = WorkMaker
    extra = 1
    autocomplete_fields = ["person"]
    fields = ["person", "role", "position"]

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or _may_edit_makers(request, obj)

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) or _may_edit_makers(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or _may_edit_makers(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) or _may_edit_makers(request, obj)


class ProvenanceInline(admin.TabularInline):
    model = ProvenanceEvent
    extra = 0
    fields = ["position", "kind", "year_from", "year_to", "party", "place", "note"]


class WorkImageForm(forms.ModelForm):
    class Meta:
        model = WorkImage
        fields = ["original", "alt", "position"]

    def clean_original(self):
        upload = self.cleaned_data.get("original")
        if upload is not None and hasattr(upload, "content_type"):  # a new upload, not the stored file
            check_image(upload)
        return upload

    def save(self, commit=True):
        image = super().save(commit=False)
        upload = self.cleaned_data.get("original")
        if upload is not None and hasattr(upload, "content_type"):
            derivatives = make_derivatives(upload)
            stem = upload.name.rsplit(".", 1)[0]
            web, thumb = derivatives["web"], derivatives["thumbnail"]
            image.web.save(f"{stem}-web.jpg", ContentFile(web.content), save=False)
            image.thumbnail.save(f"{stem}-thumb.jpg", ContentFile(thumb.content), save=False)
            image.width, image.height = web.width, web.height
            image.thumbnail_width, image.thumbnail_height = thumb.width, thumb.height
        if commit:
            image.save()
        return image


class WorkImageInline(admin.StackedInline):
    model = WorkImage
    form = WorkImageForm
    extra = 0
    readonly_fields = ["width", "height"]


class WaitingForReview(admin.SimpleListFilter):
    """The curators' queue: drafts their makers sent for review, oldest first in the list's default order."""

    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("waiting", _("Waiting for review"))]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(status=Work.Status.DRAFT, review_requested_at__isnull=False)
        return queryset


@admin.register(Work)
class WorkAdmin(LinksChecked, BatchedAdmin):
    list_display = [
        "__str__",
        "accession_number",
        "collection",
        "discipline",
        "status",
        "review_requested_at",
        "is_demo",
    ]
    list_filter = [WaitingForReview, "status", "collection", "discipline", "is_demo"]
    search_fields = ["title", "accession_number"]
    autocomplete_fields = ["discipline", "techniques", "materials", "owner", "current_location"]
    readonly_fields = ["status", "published_at", "review_requested_at"]
    inlines = [WorkMakerInline, ProvenanceInline, WorkImageInline]
    actions = ["publish", "withdraw"]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if can_catalogue(request.user):
            return qs
        return qs.filter(Q(work_makers__person__user=request.user)).distinct()

    def has_change_permission(self, request, obj=None):
        if obj is not None and not can_edit_work(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields if can_catalogue(request.user) else [*fields, *sorted(services.CATALOGUE_FIELDS)]

    def save_model(self, request, obj, form, change):
        # A new work is written in save_related: work_create needs its makers, which only the inlines hold.
        # A change is written here, so that the history's revert screen (which has no inlines) saves it too.
        if change:
            with refusals_on_form():
                data = dict(form.cleaned_data)
                remarks = data.pop("review_remarks", None) if "review_remarks" in form.changed_data else None
                services.work_update(actor=request.user, work=obj, **data)
                if remarks:
                    # Remarks on a work sent for review return it to its maker (who reads them in My works).
                    services.work_review_return(actor=request.user, work=obj, remarks=remarks)

    def save_related(self, request, form, formsets, change):
        makers = next((f for f in formsets if f.model is WorkMaker), None)
        provenance = next((f for f in formsets if f.model is ProvenanceEvent), None)
        work = form.instance
        with refusals_on_form():
            if not change:
                created = services.work_create(
                    actor=request.user,
                    makers=_makers(request, makers, adding=True),
                    provenance=_provenance(provenance) if provenance is not None else (),
                    **form.cleaned_data,
                )
                # The admin goes on with the form's instance: it logs it, saves the images to it, redirects to it.
                work.pk, work._state.adding, work._state.db = created.pk, False, created._state.db
            else:
                if makers is not None and makers.has_changed():
                    services.work_makers_set(
                        actor=request.user, work=work, makers=_makers(request, makers, adding=False)
                    )
                if provenance is not None and provenance.has_changed():
                    services.work_provenance_set(actor=request.user, work=work, events=_provenance(provenance))
        for formset in formsets:
            if formset in (makers, provenance):
                formset.save(commit=False)  # writes nothing; tells the admin's change message what changed
            else:
                self.save_formset(request, form, formset, change)

    @admin.action(description=_("Publish the selected works"))
    def publish(self, request, queryset):
        if not can_publish_work(request.user):
            self.message_user(request, _("Only curators publish works."), messages.ERROR)
            return
        for work in queryset:
            services.work_publish(actor=request.user, work=work)

    @admin.action(description=_("Withdraw the selected works"))
    def withdraw(self, request, queryset):
        if not can_publish_work(request.user):
            self.message_user(request, _("Only curators withdraw works."), messages.ERROR)
            return
        for work in queryset:
            services.work_withdraw(actor=request.user, work=work)


def _rows(formset) -> list[dict]:
    """What an inline holds once saved, in position order: the rows the form showed, less those ticked for
    deletion; rows the form did not show (added meanwhile, e.g. by `work.makers.add()`); and new rows filled
    in. The services replace all rows, so none may be dropped just because the form did not know of it."""
    deleted = formset.deleted_forms
    shown = [form.instance.pk for form in formset.initial_forms]
    rows = [form.cleaned_data for form in formset.initial_forms if form not in deleted]
    rows += [
        {name: getattr(obj, name) for name in formset.form.base_fields}
        for obj in formset.get_queryset().exclude(pk__in=shown)
    ]
    rows += [form.cleaned_data for form in formset.extra_forms if form.has_changed() and form not in deleted]
    return sorted(rows, key=lambda row: row.get("position") or 0)


def _makers(request, formset, *, adding: bool) -> list[tuple]:
    makers = [(row["person"], row["role"]) for row in _rows(formset)] if formset is not None else []
    own = getattr(request.user, "person", None)
    listed = {person.pk for person, _role in makers}
    if adding and own is not None and own.pk not in listed and not can_catalogue(request.user):
        # An artisan cataloguing their own piece is its maker, or they could not see it after saving.
        makers.append((own, WorkMaker.Role.MAKER))
    return makers


def _provenance(formset) -> list[dict]:
    fields = [name for name in formset.form.base_fields if name != "position"]
    return [{name: row[name] for name in fields} for row in _rows(formset)]


@admin.register(Collection)
class CollectionAdmin(LinksChecked, BatchedAdmin):
    list_display = ["__str__", "slug", "owner", "status", "is_demo"]
    list_filter = ["status", "is_demo"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["owner"]


class ExhibitionWorkInline(LinksChecked, admin.TabularInline):
    model = ExhibitionWork
    extra = 1
    autocomplete_fields = ["work"]
    fields = ["position", "work", "caption", "shown_from", "shown_until"]


@admin.register(Exhibition)
class ExhibitionAdmin(LinksChecked, BatchedAdmin):
    list_display = ["__str__", "venue", "city", "year", "status", "is_demo"]
    list_filter = ["status", "is_demo"]
    search_fields = ["title", "slug"]
    autocomplete_fields = ["venue"]
    inlines = [ExhibitionWorkInline]
