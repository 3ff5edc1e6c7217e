from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "craftcity.network"
    verbose_name = _("Network of craft cities")

    def ready(self):
        from craftcity.core import schedule

        from . import indicators  # noqa: F401  (registers the dossier's "partner cities")
        from .tasks import network_harvest_job

        # Frequent: a partner with nothing new answers 304 to one request per stream.
        schedule.register("frequent", network_harvest_job)
