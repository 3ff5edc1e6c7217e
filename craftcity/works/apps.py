from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorksConfig(AppConfig):
    name = "craftcity.works"
    verbose_name = _("Catalogue")

    def ready(self):
        from craftcity.core import schedule
        from craftcity.people.merging import register_mover

        from . import indexing  # noqa: F401  (registers works in search and the dossier)
        from .services import person_credits_move
        from .tasks import open_data_dump_job

        register_mover("works.credits", person_credits_move)
        schedule.register("nightly", open_data_dump_job)
