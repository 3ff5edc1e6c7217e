"""What every back-office screen shares: history, one batch per save, and object-level rules."""

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from craftcity.audit.context import change_batch


def can_manage_history(user) -> bool:
    """Registrars and administrators: they may read any record's history, deleted records' included."""
    return user.is_active and (user.is_superuser or user.has_perm("audit.change_changebatch"))


class BatchedAdmin(SimpleHistoryAdmin):
    """Each save in the back office, inlines included, is one change batch that can be undone at once.

    A record's history shows old values, personal data included, and its "revert" screen saves: both
    are open only to who may change the record itself (or manage history), never to mere viewers."""

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

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            label = f"{self.model._meta.verbose_name} {object_id or '+'}"
            with change_batch(user=request.user, label=label):
                return super().changeform_view(request, object_id, form_url, extra_context)
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
            with change_batch(user=request.user, label=f"revert {self.model._meta.verbose_name} {object_id}"):
                return super().history_form_view(request, object_id, version_id, extra_context)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def delete_queryset(self, request, queryset):
        with change_batch(user=request.user, label=f"delete {queryset.count()} {self.model._meta.verbose_name_plural}"):
            super().delete_queryset(request, queryset)
