from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossierConfig(AppConfig):
    name = "craftcity.dossier"
    verbose_name = _("Dossier and indicators")

    def ready(self):
        from craftcity.core import schedule

        from . import checks  # noqa: F401
        from .tasks import obligations_remind_job

        schedule.register("nightly", obligations_remind_job)
