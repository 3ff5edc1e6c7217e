from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "craftcity.awards"
    verbose_name = _("Designations and awards")

    def ready(self):
        from craftcity.people.merging import register_mover

        from .services import person_awards_move

        register_mover("awards.awards", person_awards_move)
