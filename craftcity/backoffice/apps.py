from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class BackofficeConfig(AppConfig):
    name = "craftcity.backoffice"
    verbose_name = _("Back office")


class JobsConfig(TasksAppConfig):
    """django-tasks-db under a name staff read in their language: "Background jobs"."""

    default = False
    verbose_name = _("Background jobs")
