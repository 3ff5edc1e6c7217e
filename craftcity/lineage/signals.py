"""Keep derived dynasty membership in step with every relation change, whoever makes it."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Dynasty, Relation
from .services import dynasties_recompute_for, dynasty_recompute


@receiver([post_save, post_delete], sender=Relation)
def relation_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    dynasties_recompute_for([instance.senior_id, instance.junior_id])


@receiver(post_save, sender=Dynasty)
def dynasty_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        dynasty_recompute(instance)
