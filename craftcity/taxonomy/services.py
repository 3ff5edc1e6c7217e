"""Writing the taxonomy: new terms come from registrars (the import's mapping table, the back office)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from craftcity.accounts.rules import can_edit_taxonomy
from craftcity.audit.context import change_batch
from recordlink.normalize import ascii_fold

from .models import CreativeField, Discipline
from .reference import CRAFTS


def _unique_slug(model, text: str) -> str:
    base = (slugify(ascii_fold(text)) or "term")[:70]
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def discipline_create(*, actor, name: dict, field: CreativeField | None = None, synonyms=()) -> Discipline:
    """Add a discipline (crafts and folk art unless another field is given); registrars only."""
    if actor is not None and not can_edit_taxonomy(actor):
        raise PermissionDenied(_("Only registrars may add crafts to the taxonomy."))
    field = field or CreativeField.objects.filter(slug=CRAFTS).first() or CreativeField.objects.order_by("pk").first()
    text = next((value for value in name.values() if value), "")
    with change_batch(user=actor, label=f"add discipline {text}"):
        discipline = Discipline(field=field, name=dict(name), slug=_unique_slug(Discipline, text))
        if synonyms and hasattr(discipline, "synonyms"):
            discipline.synonyms = list(synonyms)
        discipline.full_clean()
        discipline.save()
    return discipline
