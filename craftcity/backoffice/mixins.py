"""What every back-office screen shares: history, one batch per save, and object-level rules."""

from simple_history.admin import SimpleHistoryAdmin

from craftcity.audit.context import change_batch


class BatchedAdmin(SimpleHistoryAdmin):
    """Each save in the back office, inlines included, is one change batch that can be undone at once."""

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

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            with change_batch(user=request.user, label=f"revert {self.model._meta.verbose_name} {object_id}"):
                return super().history_form_view(request, object_id, version_id, extra_context)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def delete_queryset(self, request, queryset):
        with change_batch(user=request.user, label=f"delete {queryset.count()} {self.model._meta.verbose_name_plural}"):
            super().delete_queryset(request, queryset)
