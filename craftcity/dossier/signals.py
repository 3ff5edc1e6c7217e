"""A city title, once saved, brings its reporting obligations with it."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from craftcity.awards.models import Award


@receiver(post_save, sender=Award, dispatch_uid="dossier_obligations_for_designation")
def derive_obligations(sender, instance: Award, raw=False, **kwargs):
    if raw or instance.locality_id is None:
        return
    from .services import obligations_derive

    transaction.on_commit(lambda: obligations_derive(award=Award.objects.filter(pk=instance.pk).first()))
