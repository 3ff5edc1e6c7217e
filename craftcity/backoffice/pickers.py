"""Every object a back-office form points at is checked, not only the one it edits.

A search box (Django admin's autocomplete) offers a user only the records its admin shows them, but the form
behind it accepts any primary key that exists: a hand-made POST could name someone else's organization, an
unpublished person or another artisan's home workshop. `LinksChecked` makes the form accept, in every field it
changes, only what the box would have offered, and only what the field's `link_rules` (asked of
`accounts.rules`) allow. What a record already points at may stay, so a user can still save a record whose
links someone with more rights made. A refused value gets the same message as a key that does not exist:
the answer tells nothing about the record it names."""

from __future__ import annotations

import copy
from collections.abc import Callable

from django.forms import ModelChoiceField
from django.http import QueryDict
from django.urls import reverse


def _picker_request(request, source_model, field_name: str):
    """The request as the form's search box sends it: the admins key their choices on it."""
    picker = copy.copy(request)
    picker.method = "GET"
    picker.path = picker.path_info = reverse("admin:autocomplete")
    query = QueryDict(mutable=True)
    query.update(
        {
            "app_label": source_model._meta.app_label,
            "model_name": source_model._meta.model_name,
            "field_name": field_name,
        }
    )
    picker.GET = query
    return picker


def picker_queryset(admin_site, request, source_model, field):
    """What the search box of `field` offers this user: its admin's rows, if they may use the box at all."""
    remote = field.remote_field.model
    model_admin = admin_site._registry.get(remote)
    if model_admin is None:
        return remote._default_manager.none()
    picker = _picker_request(request, source_model, field.name)
    if not model_admin.has_view_permission(picker) or not model_admin.get_search_fields(picker):
        return remote._default_manager.none()
    return model_admin.get_queryset(picker).complex_filter(field.get_limit_choices_to())


def _pks(value) -> set:
    if value is None:
        return set()
    if hasattr(value, "_meta"):
        return {value.pk}
    return {getattr(item, "pk", item) for item in value}


def _stored_pks(instance, field) -> set:
    """What the saved record points at now (not what the form started from: a history revert starts elsewhere)."""
    if instance.pk is None:
        return set()
    model = type(instance)
    if field.many_to_many:
        return set(model._default_manager.filter(pk=instance.pk).values_list(field.name, flat=True)) - {None}
    stored = model._default_manager.filter(pk=instance.pk).values_list(field.attname, flat=True).first()
    return {stored} if stored is not None else set()


def links_checked(form_class, owner, request):
    """`form_class`, refusing in every relation field it changes a record this user may not point at."""
    opts = owner.model._meta
    autocomplete = set(owner.get_autocomplete_fields(request))
    rules: dict[str, Callable] = dict(owner.link_rules)
    names = [name for name in form_class.base_fields if name in autocomplete or name in rules]
    fields = [opts.get_field(name) for name in names]
    fields = [field for field in fields if field.is_relation and (field.many_to_one or field.many_to_many)]
    if not fields:
        return form_class

    class LinksCheckedForm(form_class):
        def clean(self):
            cleaned_data = super().clean()
            for field in fields:
                if field.name not in self.fields or self.has_error(field.name):
                    continue
                added = _pks(cleaned_data.get(field.name)) - _stored_pks(self.instance, field)
                if added and not _may_link(request, owner, field, added, rules.get(field.name)):
                    message = ModelChoiceField.default_error_messages["invalid_choice"]
                    self.add_error(field.name, message)
            return cleaned_data

    LinksCheckedForm.__name__ = form_class.__name__
    return LinksCheckedForm


def _may_link(request, owner, field, pks: set, rule) -> bool:
    if field.name in owner.get_autocomplete_fields(request):
        offered = picker_queryset(owner.admin_site, request, owner.model, field)
        if offered.filter(pk__in=pks).count() != len(pks):
            return False
    if rule is not None:
        targets = field.remote_field.model._default_manager.filter(pk__in=pks)
        return all(rule(request.user, target) for target in targets)
    return True


class LinksChecked:
    """Admin mixin for model admins and inlines: see the module's docstring. `link_rules` maps a relation field
    to a rule of `accounts.rules` (user, record) that every record newly chosen in it must pass."""

    link_rules: dict[str, Callable] = {}

    def get_form(self, request, obj=None, change=False, **kwargs):
        return links_checked(super().get_form(request, obj, change=change, **kwargs), self, request)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = links_checked(formset.form, self, request)
        return formset
