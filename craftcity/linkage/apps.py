from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinkageConfig(AppConfig):
    name = "craftcity.linkage"
    verbose_name = _("Duplicates and merges")

    def ready(self):
        from craftcity.core import schedule

        from .tasks import duplicates_find_job

        schedule.register("nightly", duplicates_find_job)
