from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs):
    from .services import roles_sync

    roles_sync()


class AccountsConfig(AppConfig):
    name = "craftcity.accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        post_migrate.connect(_sync_roles, sender=self)
