"""Back-office screens for the catalogue: works with makers, provenance and images; collections; exhibitions.

Saves go through the admin's change batch; uploads are checked by the same rules as the services
(type, size, pixel count) and their derivatives are made once, with location metadata stripped."""

from django import forms
from django.contrib import admin, messages
from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from craftcity.accounts.rules import can_catalogue, can_edit_work, can_publish_work
from craftcity.works import services
from craftcity.works.images import check_image, make_derivatives
from craftcity.works.models import Collection, Exhibition, ExhibitionWork, ProvenanceEvent, Work, WorkImage, WorkMaker

from .mixins import BatchedAdmin


class WorkMakerInline(admin.TabularInline):
    model = WorkMaker
    extra = 1
    autocomplete_fields = ["person"]


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


@admin.register(Work)
class WorkAdmin(BatchedAdmin):
    list_display = ["__str__", "accession_number", "collection", "discipline", "status", "is_demo"]
    list_filter = ["status", "collection", "discipline", "is_demo"]
    search_fields = ["title", "accession_number"]
    autocomplete_fields = ["discipline", "techniques", "materials", "owner", "current_location"]
    readonly_fields = ["status", "published_at"]
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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # An artisan cataloguing their own piece is its maker, or they could not see it after saving.
        person = getattr(request.user, "person", None)
        work = form.instance
        if (
            not can_catalogue(request.user)
            and person is not None
            and not work.work_makers.filter(person=person).exists()
        ):
            WorkMaker.objects.create(work=work, person=person, role=WorkMaker.Role.MAKER)

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


@admin.register(Collection)
class CollectionAdmin(BatchedAdmin):
    list_display = ["__str__", "slug", "owner", "status", "is_demo"]
    list_filter = ["status", "is_demo"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["owner"]


class ExhibitionWorkInline(admin.TabularInline):
    model = ExhibitionWork
    extra = 1
    autocomplete_fields = ["work"]
    fields = ["position", "work", "caption", "shown_from", "shown_until"]


@admin.register(Exhibition)
class ExhibitionAdmin(BatchedAdmin):
    list_display = ["__str__", "venue", "city", "year", "status", "is_demo"]
    list_filter = ["status", "is_demo"]
    search_fields = ["title", "slug"]
    autocomplete_fields = ["venue"]
    inlines = [ExhibitionWorkInline]
