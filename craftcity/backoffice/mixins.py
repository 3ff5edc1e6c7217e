"""What every back-office screen shares: history, one batch per save, object-level rules, and services'
refusals shown on the form."""

from contextlib import contextmanager

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import router, transaction
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from craftcity.accounts.rules import can_undo_changes
from craftcity.audit.context import change_batch


def can_manage_history(user) -> bool:
    """Registrars and administrators: they may read any record's history, deleted records' included."""
    return can_undo_changes(user)


class ServiceRefused(Exception):
    """A service refused a back-office save; BatchedAdmin rolls it back and shows the form again with the reason."""

    def __init__(self, error: PermissionDenied | ValidationError):
        super().__init__(error)
        self.error = error


@contextmanager
def refusals_on_form():
    """Wrap the service calls of save_model/save_related: what the service refuses ends on the page, not in a 500."""
    try:
        yield
    except (PermissionDenied, ValidationError) as error:
        raise ServiceRefused(error) from error


def _refused_form(form_class, error):
    """The same form, made invalid by the reason a service gave, each message on its field where it has one."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        errors = error.error_dict
    else:
        messages = error.messages if isinstance(error, ValidationError) else [str(error)]
        errors = {NON_FIELD_ERRORS: [m for m in messages if m] or [_("You may not make this change.")]}

    class RefusedForm(form_class):
        def clean(self):
            cleaned_data = super().clean()
            for field, messages in errors.items():
                self.add_error(field if field in self.fields else None, messages)
            return cleaned_data

    return RefusedForm


def save_through_services(request, formset, save, delete) -> None:
    """An inline's rows go through the services too: `save(request, obj)` for each new or changed row,
    `delete(request, obj)` for each deleted one; a refusal rolls the whole save back onto the form."""
    formset.save(commit=False)  # writes nothing; sorts the rows and tells the admin's change message
    with refusals_on_form():
        for obj in formset.deleted_objects:
            delete(request, obj)
        for obj in formset.new_objects:
            save(request, obj)
        for obj, _changed in formset.changed_objects:
            save(request, obj)


class ServiceSaves:
    """A back-office screen whose saves and deletes go through its app's services: subclasses say which in
    `service_save(request, obj)` and `service_delete(request, obj)`."""

    def service_save(self, request, obj):  # pragma: no cover - every subclass says
        raise NotImplementedError

    def service_delete(self, request, obj):  # pragma: no cover - every subclass says
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        with refusals_on_form():
            self.service_save(request, obj)

    def delete_model(self, request, obj):
        with refusals_on_form():
            self.service_delete(request, obj)

    def delete_queryset(self, request, queryset):
        with change_batch(user=request.user, label=f"delete {queryset.count()} {self.model._meta.verbose_name_plural}"):
            for obj in queryset:
                self.service_delete(request, obj)


class BatchedAdmin(SimpleHistoryAdmin):
    """Each save in the back office, inlines included, is one change batch that can be undone at once.

    A record's history shows old values, personal data included, and its "revert" screen saves: both
    are open only to who may change the record itself (or manage history), never to mere viewers.

    Screens whose saves call services wrap those calls in `refusals_on_form()`: a refusal undoes the save
    and shows the form again with the service's message, in the user's language."""

    def _history_object(self, request, object_id):
        obj = self.get_queryset(request).filter(pk=object_id).first()
        if obj is None:
            # A deleted record (or one outside this user's reach): only history managers may look.
            if not can_manage_history(request.user):
                raise PermissionDenied
            return None
        if not (can_manage_history(request.user) or self.has_change_permission(request, obj)):
            raise PermissionDenied
        return obj

    def _showing_refusals(self, view, request, *args):
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                return view(request, *args)
        except ServiceRefused as refused:
            # Whatever the refused save wrote is rolled back. The same data, validated again with the reason
            # added, comes back as the form with everything the user typed and the service's message on it.
            request.service_refusal = refused.error
            return view(request, *args)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        refusal = getattr(request, "service_refusal", None)
        return form if refusal is None else _refused_form(form, refusal)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            label = f"{self.model._meta.verbose_name} {object_id or '+'}"
            with change_batch(user=request.user, label=label):
                view = super().changeform_view
                return self._showing_refusals(view, request, object_id, form_url, extra_context)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        if request.method == "POST":
            with change_batch(user=request.user, label=f"delete {self.model._meta.verbose_name} {object_id}"):
                return super().delete_view(request, object_id, extra_context)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._history_object(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        obj = self._history_object(request, object_id)
        if request.method == "POST":
            # Reverting is an edit: the same object rule as the change form, whatever the model permissions say.
            if obj is not None and not self.has_change_permission(request, obj):
                raise PermissionDenied
            request.reverting = obj is not None
            with change_batch(user=request.user, label=f"revert {self.model._meta.verbose_name} {object_id}"):
                view = super().history_form_view
                return self._showing_refusals(view, request, object_id, version_id, extra_context)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_form(self, request, form, change):
        """A revert brings back only what this user could change on the change form: every other field (status,
        verification, publication, the record's links) keeps its current value, and the user is told which.
        Simple-history's revert screen otherwise saves the old version whole, moderation included."""
        obj = super().save_form(request, form, change)
        if getattr(request, "reverting", False):
            current = self.model._default_manager.get(pk=obj.pk)
            kept = []
            for field in self.model._meta.concrete_fields:
                if field.primary_key or field.name in form.fields:
                    continue
                if getattr(obj, field.attname) != getattr(current, field.attname):
                    kept.append(str(field.verbose_name))
                setattr(obj, field.attname, getattr(current, field.attname))
            if kept:
                messages.warning(
                    request,
                    _("Kept as they are now, because you may not change them: %(fields)s.")
                    % {"fields": ", ".join(kept)},
                )
        return obj

    def delete_queryset(self, request, queryset):
        with change_batch(user=request.user, label=f"delete {queryset.count()} {self.model._meta.verbose_name_plural}"):
            super().delete_queryset(request, queryset)
