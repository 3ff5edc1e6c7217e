from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MusicConfig(AppConfig):
    name = "craftcity.music"
    verbose_name = _("Music")

    def ready(self):
        from craftcity.people.merging import register_mover

        from . import indexing, indicators, oai  # noqa: F401  (register music in search, the dossier, OAI-PMH)
        from .services import person_music_move

        register_mover("music.credits", person_music_move)
