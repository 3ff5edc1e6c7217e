from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "craftcity.core"
    verbose_name = _("Core")

    def ready(self):
        from .cache import on_model_change

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(on_model_change, dispatch_uid=f"craftcity-registry-version-{id(signal)}")
