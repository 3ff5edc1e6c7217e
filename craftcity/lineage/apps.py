from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LineageConfig(AppConfig):
    name = "craftcity.lineage"
    verbose_name = _("Lineage and dynasties")

    def ready(self):
        from craftcity.audit.services import register_undo_follower
        from craftcity.people.merging import register_mover

        from .services import dynasties_follow_undo, person_relations_move

        register_mover("lineage.relations", person_relations_move)
        register_undo_follower(dynasties_follow_undo)
