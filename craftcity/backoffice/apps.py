from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class BackofficeConfig(AppConfig):
    name = "craftcity.backoffice"
    verbose_name = _("Back office")


class JobsConfig(TasksAppConfig):
    """django-tasks-db under a name staff read in their language: "Background jobs"."""

    default = False
    verbose_name = _("Background jobs")


class BackOfficeAdminConfig(admin_apps.AdminConfig):
    """Django's admin on our own site class, whose sign-in asks for the second factor (backoffice.site)."""

    default = False
    default_site = "craftcity.backoffice.site.BackOfficeSite"
