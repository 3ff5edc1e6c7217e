"""Undoing a large import must not take the registry down: its cost grows with the rows, not with their square.

The benchmark (bench/undo.py) measures the time; here the number of queries is counted, which does not depend
on the machine: undoing ten times more people may not ask the database more often."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from craftcity.audit.models import ChangeBatch
from craftcity.imports.models import ImportBatch
from craftcity.imports.services import import_batch_undo, import_people
from craftcity.people.models import Person
from craftcity.search.models import SearchEntry

GIVEN = ["Айжан", "Нұрлан", "Дина", "Бауыржан", "Салтанат", "Ерлан", "Гүлнар", "Асқар", "Жанар", "Мұрат"]
FAMILY = ["Беккулова", "Әбенов", "Сапарова", "Сәрсенов", "Қали", "Омаров", "Жұмабаева", "Тоқтаров", "Исаева", "Рахимов"]


def _imported(tmp_path, registrar, rows: int) -> ImportBatch:
    lines = ["№;ФИО;Год рождения"]
    for n in range(rows):
        lines.append(f"{n + 1};{FAMILY[n % 10]} {GIVEN[(n // 10) % 10]};{1940 + n % 60}")
    path = tmp_path / f"list-{rows}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return import_people(path=path, actor=registrar, mode=ImportBatch.Mode.VALID_ROWS).batch


def _undo_queries(tmp_path, registrar, rows: int) -> int:
    batch = _imported(tmp_path, registrar, rows)
    assert Person.objects.count() == rows
    with CaptureQueriesContext(connection) as queries:
        import_batch_undo(actor=registrar, batch=batch)
    assert Person.objects.count() == 0
    return len(queries)


@pytest.mark.django_db(transaction=True)
def test_undo_asks_the_database_as_often_for_200_people_as_for_20(tmp_path, make_user):
    registrar = make_user(role="registrar")
    few = _undo_queries(tmp_path, registrar, 20)
    many = _undo_queries(tmp_path, registrar, 200)
    # Deletion and history go by chunks of hundreds of rows, so a few more queries are fair; one per person is not.
    assert many < few * 1.25, f"undo of 20 people took {few} queries, of 200 people {many}"


@pytest.mark.django_db(transaction=True)
def test_a_bulk_undo_still_records_every_deletion_and_empties_search(tmp_path, make_user):
    registrar = make_user(role="registrar")
    batch = _imported(tmp_path, registrar, 30)
    ids = set(Person.objects.values_list("pk", flat=True))
    assert SearchEntry.objects.filter(kind="person").count() == 30
    undo = import_batch_undo(actor=registrar, batch=batch)
    gone = Person.history.filter(batch=undo, history_type="-")
    assert set(gone.values_list("id", flat=True)) == ids
    assert set(gone.values_list("history_user", flat=True)) == {registrar.pk}
    assert Person.history.model.objects.filter(batch=undo).exclude(history_type="-").count() == 0
    assert not SearchEntry.objects.filter(kind="person").exists()
    # The undo is itself undoable: the people come back as they were.
    from craftcity.audit.services import batch_undo

    batch_undo(actor=registrar, batch=ChangeBatch.objects.get(pk=undo.pk))
    assert set(Person.objects.values_list("pk", flat=True)) == ids
