"""Background jobs in the back office: django-tasks-db's list of job records, with "Run again" for a failed
or stalled one (core.jobs) and the queue's depth in the list's title. An e-mail job shows its recipients and
subject, never its body: a password-reset or address-confirmation message holds a link that opens the account."""

import json

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from craftcity.accounts.rules import can_manage_jobs
from craftcity.core.jobs import job_rerun, queue_depth

admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class JobAdmin(DBTaskResultAdmin):
    actions = ["run_again"]

    def changelist_view(self, request, extra_context=None):
        depth = queue_depth()
        title = _("Background jobs: %(waiting)d waiting, %(running)d running") % depth
        return super().changelist_view(request, {**(extra_context or {}), "title": title})

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return ["arguments" if name == "args_kwargs" else name for name in fields]

    @admin.display(description=_("Arguments"))
    def arguments(self, obj):
        kwargs = (obj.args_kwargs or {}).get("kwargs", {})
        if obj.task_path.endswith(".send_mail_job"):
            return format_html(
                "{}: {}<br>{}: {}<br>{}",
                _("To"),
                ", ".join(kwargs.get("recipients", [])),
                _("Subject"),
                kwargs.get("subject", ""),
                _("The message itself is not shown: it may hold a link that signs its reader in."),
            )
        return format_html("<pre>{}</pre>", json.dumps(obj.args_kwargs, ensure_ascii=False, indent=2))

    def has_module_permission(self, request):
        return can_manage_jobs(request.user)

    def has_view_permission(self, request, obj=None):
        return can_manage_jobs(request.user)

    @admin.action(description=_("Run the selected failed or stalled jobs again"))
    def run_again(self, request, queryset):
        for result in queryset:
            try:
                job_rerun(actor=request.user, result=result)
            except (PermissionDenied, ValidationError) as refusal:
                reason = " ".join(getattr(refusal, "messages", [str(refusal)]))
                self.message_user(request, f"{result.task_name}: {reason}", messages.ERROR)
            else:
                self.message_user(request, _("Queued again: %(job)s") % {"job": result.task_name}, messages.SUCCESS)
