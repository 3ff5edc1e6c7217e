from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "craftcity.places"
    verbose_name = _("Places")

    def ready(self):
        from craftcity.people.merging import register_mover

        from .services import person_places_move

        register_mover("places.workshops", person_places_move)
