from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "craftcity.organizations"
    verbose_name = _("Organizations")

    def ready(self):
        from craftcity.people.merging import register_mover

        from .services import person_memberships_move

        register_mover("organizations.memberships", person_memberships_move)
