"""Merging two records of one person: the registration point through which each app moves its own rows.

`linkage.services.person_merge` folds the absorbed record into the kept one inside one change batch and asks
every registered mover to move the rows of its app (names, relations, memberships, awards, places, work
credits, event rows…). An app adds itself with `register_mover` from its AppConfig.ready; a mover must write
through its app's models one row at a time (each move lands in the history, so the merge's undo brings it
back) and may drop a row that would duplicate one the kept record has, after keeping what only it knew.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

Mover = Callable[..., None]  # mover(*, keep: Person, absorb: Person) -> None

MOVERS: dict[str, Mover] = {}


def register_mover(name: str, mover: Mover) -> None:
    """Add an app's mover; movers run in the order they registered (people's own names first)."""
    MOVERS[name] = mover


def rows_move(*, keep, absorb) -> None:
    for mover in MOVERS.values():
        mover(keep=keep, absorb=absorb)


def fill_blanks(survivor, dropped, columns: Iterable[str]) -> None:
    """Before a duplicate row is dropped, the row that survives takes what only the dropped one knew."""
    changed = False
    for column in columns:
        if getattr(survivor, column) is None and getattr(dropped, column) is not None:
            setattr(survivor, column, getattr(dropped, column))
            changed = True
    if changed:
        survivor.full_clean()
        survivor.save()


def reassign(rows, keep) -> None:
    """Rows that point at the absorbed person point at the kept one, one save per row: each move must land in
    the history for the merge's undo (a queryset update would not)."""
    for row in rows.order_by("id"):
        row.person = keep
        row.save()


def person_names_move(*, keep, absorb) -> None:
    """Every form moves to the kept record but one it already has; a form someone wrote makes the kept
    record's identical derived form their own (and primary, if it was and the language has none)."""
    kept = {(n.full_name, n.form): n for n in keep.names.all()}
    primary_languages = set(keep.names.filter(is_primary=True).values_list("language", flat=True))
    for name in absorb.names.order_by("id"):
        same = kept.get((name.full_name, name.form))
        if same is not None:
            if same.is_derived and not name.is_derived:
                same.is_derived = False
                if name.is_primary and name.language not in primary_languages:
                    same.is_primary = True
                    primary_languages.add(name.language)
                same.save()
            name.delete()
            continue
        if name.is_primary and name.language in primary_languages:
            name.is_primary = False  # the kept record's primary form stays primary
        name.person = keep
        name.full_clean()
        name.save()
        kept[(name.full_name, name.form)] = name
        if name.is_primary:
            primary_languages.add(name.language)


def person_terms_move(*, keep, absorb) -> None:
    """Crafts, techniques and materials of either record are the person's."""
    for relation in ("disciplines", "techniques", "materials"):
        missing = set(getattr(absorb, relation).values_list("pk", flat=True)) - set(
            getattr(keep, relation).values_list("pk", flat=True)
        )
        if missing:
            getattr(keep, relation).add(*missing)


register_mover("people.names", person_names_move)
register_mover("people.terms", person_terms_move)


def person_claims_move(*, keep, absorb) -> None:
    """Claims and invitations follow the kept record: a decision already taken stays visible in its history,
    and a waiting claim or an unused invitation now asks for the record that remains."""
    from .models import ProfileClaim, ProfileInvitation

    reassign(ProfileClaim.objects.filter(person=absorb), keep)
    reassign(ProfileInvitation.objects.filter(person=absorb), keep)


register_mover("people.claims", person_claims_move)
