from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record

from .context import current_batch


@receiver(pre_create_historical_record)
def attach_batch(sender, instance, history_instance, **kwargs):
    batch = current_batch()
    if batch is not None and hasattr(history_instance, "batch_id"):
        history_instance.batch_id = batch.pk
