from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "craftcity.support"
    verbose_name = _("Support programmes")

    def ready(self):
        # Funding takes its place in the dossier through the indicators' registry; merges move grants.
        from craftcity.people.merging import register_mover

        from . import indicators  # noqa: F401
        from .services import person_grants_move

        register_mover("support.grants", person_grants_move)
