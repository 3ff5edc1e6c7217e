from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "craftcity.core"
    verbose_name = _("Core")

    def ready(self):
        from django.apps import apps

        from .cache import is_registry_model, on_model_change

        # Per model, never globally: a receiver without a sender turns off Django's fast bulk deletes.
        for model in apps.get_models(include_auto_created=True):
            if not is_registry_model(model):
                continue
            # An explicit through model (WorkMaker) written by `work.makers.add()` sends m2m_changed, not post_save.
            signals = (m2m_changed,) if model._meta.auto_created else (post_save, post_delete, m2m_changed)
            for signal in signals:
                signal.connect(
                    on_model_change, sender=model, dispatch_uid=f"registry-version-{model._meta.label}-{id(signal)}"
                )
