"""Writing the taxonomy: new terms come from registrars (the import's mapping table, the back office)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from craftcity.accounts.rules import can_edit_taxonomy
from craftcity.audit.context import change_batch
from craftcity.core.slugs import unique_slug

from .models import CreativeField, Discipline
from .reference import CRAFTS


@transaction.atomic
def discipline_create(*, actor, name: dict, field: CreativeField | None = None, synonyms=()) -> Discipline:
    """Add a discipline (crafts and folk art unless another field is given); registrars only."""
    if actor is not None and not can_edit_taxonomy(actor):
        raise PermissionDenied(_("Only registrars may add crafts to the taxonomy."))
    field = field or CreativeField.objects.filter(slug=CRAFTS).first() or CreativeField.objects.order_by("pk").first()
    text = next((value for value in name.values() if value), "")
    with change_batch(user=actor, label=f"add discipline {text}"):
        discipline = Discipline(
            field=field,
            name=dict(name),
            slug=unique_slug(
                text, lambda slug: Discipline.objects.filter(slug=slug).exists(), fallback="term", max_length=70
            ),
        )
        if synonyms and hasattr(discipline, "synonyms"):
            discipline.synonyms = list(synonyms)
        discipline.full_clean()
        discipline.save()
    return discipline
