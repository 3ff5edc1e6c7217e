"""The staff back office: Django admin over the registry, with history, batches and object rules."""

from django.contrib import admin, messages
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from craftcity.accounts.rules import (
    can_edit_every_organization,
    can_edit_organization,
    can_edit_person,
    can_see_everyones_personal_data,
    can_see_personal_data,
    can_see_place_address,
    edited_organization_ids,
    is_registrar,
)
from craftcity.audit.models import ChangeBatch
from craftcity.audit.services import batch_undo
from craftcity.awards.models import Award, AwardProgramme
from craftcity.awards.services import award_delete, award_save
from craftcity.core.models import PublicationStatus
from craftcity.events.rules import member_organization_ids
from craftcity.geo.models import Country, Locality, Region
from craftcity.lineage.models import Dynasty, DynastyMember, Relation
from craftcity.lineage.services import dynasty_delete, dynasty_save, relation_delete, relation_save
from craftcity.organizations.models import Membership, Organization
from craftcity.organizations.services import (
    membership_create,
    membership_delete,
    membership_update,
    organization_update,
)
from craftcity.people.models import Person, PersonName
from craftcity.people.services import (
    M2M_FIELDS,
    SELF_EDITABLE_FIELDS,
    person_create,
    person_name_delete,
    person_name_save,
    person_names_derive,
    person_photo_set,
    person_update,
)
from craftcity.places.models import Place
from craftcity.places.services import place_delete, place_save
from craftcity.taxonomy.models import CreativeField, Discipline, Material, Technique

from .mixins import BatchedAdmin, ServiceSaves, refusals_on_form, save_through_services
from .pickers import LinksChecked

admin.site.site_header = _("craftcity back office")
admin.site.site_title = _("craftcity")
admin.site.index_title = _("Registry of the creative community")


def _is_autocomplete(request, app_label: str, model_names: set[str], field_name: str) -> bool:
    """A box of the given form field asking for choices (Django admin's autocomplete view)."""
    return (
        request.path.endswith("/autocomplete/")
        and request.GET.get("app_label") == app_label
        and request.GET.get("model_name") in model_names
        and request.GET.get("field_name") == field_name
    )


def _is_member_autocomplete(request) -> bool:
    """The person box of a membership form asking for choices."""
    return _is_autocomplete(request, "organizations", {"membership"}, "person")


def _is_event_autocomplete(request, model_names: set[str], field_name: str) -> bool:
    """An organiser's event screen asking for people (participants, jurors) or organizations (supporters…)."""
    return _is_autocomplete(request, "events", model_names, field_name) and request.user.has_perm("events.change_event")


def save_memberships(request, formset) -> None:
    """Memberships from any form (the membership screen, an organization's or a person's inline) go through
    the organizations' services, which check the organization on both sides of every change."""
    save_through_services(
        request, formset,
        save=lambda request, membership: save_membership(request, membership, is_new=membership._state.adding),
        delete=lambda request, membership: membership_delete(actor=request.user, membership=membership),
    )  # fmt: skip


def save_membership(request, membership: Membership, *, is_new: bool) -> None:
    fields = {name: getattr(membership, name) for name in ("role", "start_year", "end_year", "is_editor")}
    if is_new:
        saved = membership_create(
            actor=request.user, person=membership.person, organization=membership.organization, **fields
        )
        membership.pk, membership._state.adding = saved.pk, False
    else:
        membership_update(
            actor=request.user, membership=membership, person=membership.person,
            organization=membership.organization, **fields,
        )  # fmt: skip


# --- taxonomy and geography -------------------------------------------------------------------


@admin.register(CreativeField)
class CreativeFieldAdmin(BatchedAdmin):
    list_display = ["__str__", "slug", "position"]
    search_fields = ["slug", "name"]


@admin.register(Discipline)
class DisciplineAdmin(BatchedAdmin):
    list_display = ["__str__", "slug", "field", "aat_id"]
    list_filter = ["field"]
    search_fields = ["slug", "name"]
    list_select_related = ["field"]


@admin.register(Technique)
class TechniqueAdmin(BatchedAdmin):
    list_display = ["__str__", "slug", "discipline"]
    list_filter = ["discipline__field", "discipline"]
    search_fields = ["slug", "name"]
    list_select_related = ["discipline"]


@admin.register(Material)
class MaterialAdmin(BatchedAdmin):
    list_display = ["__str__", "slug", "aat_id"]
    search_fields = ["slug", "name"]


@admin.register(Country)
class CountryAdmin(BatchedAdmin):
    list_display = ["__str__", "iso_code"]
    search_fields = ["iso_code", "name"]


@admin.register(Region)
class RegionAdmin(BatchedAdmin):
    list_display = ["__str__", "iso_code", "kato_code", "kind", "capital"]
    list_filter = ["kind"]
    search_fields = ["iso_code", "name"]


@admin.register(Locality)
class LocalityAdmin(BatchedAdmin):
    list_display = ["__str__", "kind", "region", "country", "is_demo"]
    list_filter = ["kind", "country", "region"]
    search_fields = ["name", "kato_code"]
    autocomplete_fields = ["region", "country", "parent"]
    list_select_related = ["region", "country"]


# --- people -------------------------------------------------------------------------------------


class PersonNameInline(admin.TabularInline):
    model = PersonName
    extra = 1
    fields = ["full_name", "form", "language", "is_primary", "given_name", "family_name", "patronymic", "is_derived"]
    readonly_fields = ["is_derived"]


class MembershipInline(LinksChecked, admin.TabularInline):
    model = Membership
    link_rules = {"organization": can_edit_organization}
    extra = 0
    autocomplete_fields = ["organization"]
    fields = ["organization", "role", "start_year", "end_year", "is_editor"]


class ApprenticeInline(LinksChecked, admin.TabularInline):
    model = Relation
    fk_name = "senior"
    extra = 0
    autocomplete_fields = ["junior"]
    fields = ["kind", "junior", "start_year", "end_year"]
    verbose_name = _("child or apprentice")
    verbose_name_plural = _("children and apprentices")


class MasterInline(LinksChecked, admin.TabularInline):
    model = Relation
    fk_name = "junior"
    extra = 0
    autocomplete_fields = ["senior"]
    fields = ["kind", "senior", "start_year", "end_year"]
    verbose_name = _("parent or master")
    verbose_name_plural = _("parents and masters")


class PersonAwardInline(LinksChecked, admin.TabularInline):
    model = Award
    link_rules = {"organization": can_edit_organization}
    fk_name = "person"
    extra = 0
    fields = ["programme", "year", "granted_on", "scope"]


# Personal fields and anything that can be counted to read them (their consent stamps are not private).
PERSONAL_LOOKUPS = set(Person.PERSONAL_FIELDS) | {"consent_recorded_at"}


@admin.register(Person)
class PersonAdmin(LinksChecked, BatchedAdmin):
    list_display = ["__str__", "occupation", "birth_year", "region", "country", "verification", "status", "is_demo"]
    list_filter = [
        "status",
        "verification",
        "occupation",
        "gender",
        "region",
        "country",
        "disciplines__field",
        "is_demo",
    ]
    search_fields = ["names__full_name", "=id"]
    autocomplete_fields = ["country", "region", "locality", "user"]
    filter_horizontal = ["disciplines", "techniques", "materials"]
    list_select_related = ["region", "country"]
    inlines = [PersonNameInline, MembershipInline, MasterInline, ApprenticeInline, PersonAwardInline]
    readonly_fields = ["merged_into", "consent_recorded_at", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["occupation", "gender", "birth_year", "death_year", "status", "verification", "user"]}),
        (_("Where"), {"fields": ["country", "region", "locality"]}),
        (_("Practice"), {"fields": ["disciplines", "techniques", "materials", "biography", "website"]}),
        (_("Photo"), {"fields": ["photo", "photo_alt", "is_photo_public"]}),
        (
            _("Personal data (private unless consented)"),
            {
                "fields": [
                    ("phone", "is_phone_public"),
                    ("email", "is_email_public"),
                    ("address", "is_address_public"),
                    ("birth_date", "is_birth_date_public"),
                    "consent_recorded_at",
                ]
            },
        ),
        (_("Record"), {"fields": ["merged_into", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_urls(self):
        from .claims import person_invite_urls

        return [*person_invite_urls(self), *super().get_urls()]

    def get_queryset(self, request):
        qs = super().get_queryset(request).prefetch_related("names")
        if is_registrar(request.user) or (
            request.user.has_perm("people.view_person") and not hasattr(request.user, "person")
        ):
            return qs
        if _is_member_autocomplete(request) and edited_organization_ids(request.user):
            # An organization editor picks new members among the published people (names only are shown).
            return qs.public()
        if _is_event_autocomplete(request, {"participant", "juror"}, "person"):
            # So does an organiser picking an event's participants and jurors.
            return qs.public()
        if _is_autocomplete(request, "works", {"workmaker"}, "person") and request.user.has_perm("works.change_work"):
            # And an artisan naming the co-makers of their own work.
            return qs.public()
        person = getattr(request.user, "person", None)
        return qs.filter(pk=person.pk) if person else qs.none()

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        allowed = can_see_personal_data(request.user, obj) if obj is not None else is_registrar(request.user)
        if allowed:
            return fieldsets
        # Viewers who may not see personal data (analysts, curators…) do not get the fields at all.
        personal = set(Person.PERSONAL_FIELDS) | set(Person.PERSONAL_FIELDS.values()) | {"consent_recorded_at"}
        return [
            (title, {**options, "fields": fields})
            for title, options in fieldsets
            if (fields := [f for f in options["fields"] if not (set(f if isinstance(f, tuple) else [f]) & personal)])
        ]

    def get_inlines(self, request, obj):
        if is_registrar(request.user):
            return self.inlines
        return [PersonNameInline]

    def get_readonly_fields(self, request, obj=None):
        if is_registrar(request.user):
            return self.readonly_fields
        editable = SELF_EDITABLE_FIELDS
        names = [f.name for f in Person._meta.get_fields() if getattr(f, "editable", False) and f.concrete]
        return sorted({*self.readonly_fields, *(n for n in names if n not in editable)})

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return can_edit_person(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return is_registrar(request.user) and super().has_delete_permission(request, obj)

    def lookup_allowed(self, lookup, value, request):
        # "?phone__startswith=+7701" would count matches for people whose phone the user may not see.
        if lookup.split("__")[0] in PERSONAL_LOOKUPS and not can_see_everyones_personal_data(request.user):
            return False
        return super().lookup_allowed(lookup, value, request)

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        request._craftcity_formsets = formsets  # a new person is created with the names of its name rows
        return formsets, inline_instances

    def save_formset(self, request, form, formset, change):
        if formset.model is Membership:
            save_memberships(request, formset)
        elif formset.model is PersonName:
            if change:
                save_through_services(request, formset, save=_save_name, delete=_delete_name)
            else:  # a new person's names were written by person_create; this only tells the change message
                formset.save(commit=False)
        elif formset.model is Relation:
            save_through_services(request, formset, save=_save_relation, delete=_delete_relation)
        elif formset.model is Award:
            save_through_services(request, formset, save=_save_award, delete=_delete_award)
        else:  # pragma: no cover - every inline of this screen is listed above
            raise ImproperlyConfigured(f"{formset.model} rows would be saved around the services")

    def save_model(self, request, obj, form, change):
        # Both go through the people's service: its rules, derived name forms, and the consent stamp.
        fields = {name: form.cleaned_data[name] for name in form.changed_data if name not in M2M_FIELDS}
        # A new photo is checked and stripped of its metadata by its own service, like the artisan's upload.
        photo = fields.pop("photo") if hasattr(fields.get("photo"), "content_type") else None
        with refusals_on_form():
            if change:
                if photo is not None:  # the form put the raw upload on the instance: never save that one
                    obj.photo = Person.objects.only("photo").get(pk=obj.pk).photo
                person_update(actor=request.user, person=obj, **fields)
                if photo is not None:
                    person_photo_set(actor=request.user, person=obj, upload=photo)
                return
            names = [
                {key: row.cleaned_data[key] for key in NAME_FIELDS if key in row.cleaned_data}
                for formset in request._craftcity_formsets if formset.model is PersonName
                for row in formset.forms
                if row.has_changed() and row.cleaned_data and not row.cleaned_data.get("DELETE")
            ]  # fmt: skip
            m2m = {name: form.cleaned_data[name] for name in form.changed_data if name in M2M_FIELDS}
            created = person_create(actor=request.user, names=names, **fields, **m2m)
            if photo is not None:
                person_photo_set(actor=request.user, person=created, upload=photo)
        obj.pk, obj._state.adding, obj.consent_recorded_at = created.pk, False, created.consent_recorded_at

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        person_names_derive(person=form.instance)


NAME_FIELDS = ("full_name", "form", "language", "is_primary", "given_name", "family_name", "patronymic")


def _by(service, keyword: str):
    """A back-office save or delete as the service's call by the signed-in user: (request, obj) -> None."""
    return lambda request, obj: service(actor=request.user, **{keyword: obj})


_save_name, _delete_name = _by(person_name_save, "name"), _by(person_name_delete, "name")
_save_relation, _delete_relation = _by(relation_save, "relation"), _by(relation_delete, "relation")
_save_award, _delete_award = _by(award_save, "award"), _by(award_delete, "award")


@admin.register(PersonName)
class PersonNameAdmin(ServiceSaves, LinksChecked, BatchedAdmin):
    list_display = ["full_name", "person", "form", "language", "is_primary"]
    list_filter = ["form", "language", "is_primary"]
    search_fields = ["full_name"]
    autocomplete_fields = ["person"]
    service_save, service_delete = staticmethod(_save_name), staticmethod(_delete_name)

    # Artisans edit their own names through the inline on their profile; this list shows everyone's.
    def has_module_permission(self, request):
        return is_registrar(request.user)

    def has_view_permission(self, request, obj=None):
        return is_registrar(request.user)

    def has_add_permission(self, request):
        return is_registrar(request.user)

    def has_change_permission(self, request, obj=None):
        return is_registrar(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_registrar(request.user)


# --- organizations ------------------------------------------------------------------------------


class OrganizationMembershipInline(LinksChecked, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "role", "start_year", "end_year", "is_editor"]


@admin.register(Organization)
class OrganizationAdmin(LinksChecked, BatchedAdmin):
    # Nesting an organization under another hands it that one's editors: only under one the user edits.
    link_rules = {"parent": can_edit_organization}
    list_display = ["__str__", "kind", "short_name", "parent", "country", "status", "is_demo"]
    list_filter = ["kind", "status", "country", "region", "is_demo"]
    search_fields = ["name", "short_name", "slug"]
    autocomplete_fields = ["parent", "country", "region", "locality"]
    filter_horizontal = ["disciplines"]
    prepopulated_fields = {}
    inlines = [OrganizationMembershipInline]
    list_select_related = ["parent", "country"]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if can_edit_every_organization(request.user):
            return qs
        if request.user.has_perm("organizations.view_organization") and not hasattr(request.user, "person"):
            return qs
        if _is_event_autocomplete(request, {"eventorganization"}, "organization"):
            # An organiser names their own organizations as organisers and any published one as a supporter.
            return qs.filter(Q(status=PublicationStatus.PUBLISHED) | Q(pk__in=member_organization_ids(request.user)))
        return qs.filter(pk__in=edited_organization_ids(request.user))

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return can_edit_organization(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return can_edit_every_organization(request.user) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        fields = {name: form.cleaned_data[name] for name in form.changed_data if name != "disciplines"}
        with refusals_on_form():
            organization_update(actor=request.user, organization=obj, **fields)

    def save_formset(self, request, form, formset, change):
        if formset.model is Membership:
            save_memberships(request, formset)
        else:
            super().save_formset(request, form, formset, change)


@admin.register(Membership)
class MembershipAdmin(LinksChecked, BatchedAdmin):
    link_rules = {"organization": can_edit_organization}
    list_display = ["person", "organization", "role", "start_year", "end_year", "is_editor"]
    list_filter = ["role", "organization__kind"]
    search_fields = ["person__names__full_name", "organization__name"]
    autocomplete_fields = ["person", "organization"]
    list_select_related = ["organization"]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if can_edit_every_organization(request.user):
            return qs
        return qs.filter(organization_id__in=edited_organization_ids(request.user))

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return can_edit_organization(request.user, obj.organization)

    has_delete_permission = has_change_permission

    def save_model(self, request, obj, form, change):
        with refusals_on_form():
            save_membership(request, obj, is_new=not change)

    def delete_model(self, request, obj):
        with refusals_on_form():
            membership_delete(actor=request.user, membership=obj)

    def delete_queryset(self, request, queryset):
        for membership in queryset.select_related("organization"):
            membership_delete(actor=request.user, membership=membership)


# --- lineage ------------------------------------------------------------------------------------


@admin.register(Relation)
class RelationAdmin(ServiceSaves, LinksChecked, BatchedAdmin):
    link_rules = {"senior": can_edit_person, "junior": can_edit_person}
    list_display = ["__str__", "kind", "start_year", "end_year"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["senior__names__full_name", "junior__names__full_name"]
    autocomplete_fields = ["senior", "junior"]
    service_save, service_delete = staticmethod(_save_relation), staticmethod(_delete_relation)


class DynastyMemberInline(admin.TabularInline):
    model = DynastyMember
    extra = 0
    can_delete = False
    fields = ["person", "generation"]
    readonly_fields = ["person", "generation"]
    verbose_name_plural = _("members (derived from the relations)")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Dynasty)
class DynastyAdmin(ServiceSaves, LinksChecked, BatchedAdmin):
    list_display = ["__str__", "founder", "discipline", "generation_count", "member_count", "status", "is_demo"]
    list_filter = ["discipline", "status", "is_demo"]
    search_fields = ["name", "slug", "founder__names__full_name"]
    autocomplete_fields = ["founder", "discipline"]
    readonly_fields = ["generation_count", "member_count"]
    inlines = [DynastyMemberInline]

    def service_save(self, request, dynasty):
        dynasty_save(actor=request.user, dynasty=dynasty)

    def service_delete(self, request, dynasty):
        dynasty_delete(actor=request.user, dynasty=dynasty)


# --- awards and places --------------------------------------------------------------------------


@admin.register(AwardProgramme)
class AwardProgrammeAdmin(LinksChecked, BatchedAdmin):
    list_display = ["__str__", "kind", "awarding_body"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["awarding_body"]


@admin.register(Award)
class AwardAdmin(ServiceSaves, LinksChecked, BatchedAdmin):
    link_rules = {"person": can_edit_person, "organization": can_edit_organization}
    list_display = ["__str__", "programme", "year", "granted_on"]
    list_filter = ["programme__kind", "programme", "year"]
    search_fields = ["programme__name", "person__names__full_name", "organization__name"]
    autocomplete_fields = ["programme", "person", "organization", "locality"]
    service_save, service_delete = staticmethod(_save_award), staticmethod(_delete_award)


@admin.register(Place)
class PlaceAdmin(ServiceSaves, LinksChecked, BatchedAdmin):
    # A venue named as an organization's shows on its pages: only who may edit it links it. Whose home a workshop
    # is, is read-only for all but registrars (get_readonly_fields).
    link_rules = {"organization": can_edit_organization}
    list_display = ["__str__", "kind", "locality", "status", "is_demo"]
    list_filter = ["kind", "status", "is_address_public", "is_demo"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["locality", "organization", "person"]

    # Home workshops are personal data: curators and organisers keep venues and museums, registrars
    # and the artisan themselves keep the workshops (and decide whether the address is shown).
    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if can_see_everyones_personal_data(request.user):
            return qs
        return qs.filter(Q(person__isnull=True) | Q(person__user=request.user))

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.person_id and not can_see_place_address(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        # Whose home a workshop is, is personal data: only registrars link a place to a person.
        fields = list(super().get_readonly_fields(request, obj))
        return fields if can_see_everyones_personal_data(request.user) else [*fields, "person"]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.person_id and not can_see_place_address(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def service_save(self, request, place):
        place_save(actor=request.user, place=place)

    def service_delete(self, request, place):
        place_delete(actor=request.user, place=place)


# --- history ------------------------------------------------------------------------------------


@admin.register(ChangeBatch)
class ChangeBatchAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "label", "user", "undone_at"]
    list_filter = ["kind", "undone_at"]
    search_fields = ["label", "user__username"]
    readonly_fields = ["id", "kind", "label", "user", "created_at", "undone_at", "undone_by"]
    actions = ["undo_batches"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Undo the selected batches"), permissions=["change"])
    def undo_batches(self, request, queryset):
        for batch in queryset.order_by("-created_at"):
            try:
                undo_any_batch(actor=request.user, batch=batch)
            except ValidationError as error:
                self.message_user(request, f"{batch}: {' '.join(error.messages)}", messages.ERROR)
            except IntegrityError as error:
                self.message_user(request, f"{batch}: {error}", messages.ERROR)
            else:
                self.message_user(request, _("Undone: %(batch)s") % {"batch": batch}, messages.SUCCESS)


def undo_any_batch(*, actor, batch: ChangeBatch) -> None:
    """Undo through the service that owns the batch, so its own records (a merge's candidate, an import's
    batch) follow the undo; plain edits go straight to batch_undo."""
    if batch.kind == ChangeBatch.Kind.MERGE:
        from craftcity.linkage.services import person_merge_undo

        person_merge_undo(actor=actor, candidate_or_batch=batch)
        return
    if batch.kind == ChangeBatch.Kind.IMPORT:
        from craftcity.imports.models import ImportBatch
        from craftcity.imports.services import import_batch_undo

        imported = ImportBatch.objects.filter(change_batch=batch).first()
        if imported is not None:
            import_batch_undo(actor=actor, batch=imported)
            return
    batch_undo(actor=actor, batch=batch)


# Screens kept in their own modules register themselves when imported.
from . import aitys, claims, dossier, events, imports, jobs, linkage, music, second_factors, support, tours, works  # noqa: E402, F401
