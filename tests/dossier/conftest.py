"""A small registry whose history is spread over years, so every figure can be counted by hand."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from craftcity.geo.models import Country, Region
from craftcity.lineage.models import Relation
from craftcity.lineage.services import relation_create
from craftcity.people.models import Person
from craftcity.people.services import person_update
from craftcity.taxonomy.models import CreativeField, Discipline


def moment(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


class Clock:
    """Writes made inside `at(day)` are dated that day in the history (and in created_at)."""

    def at(self, day: dt.date):
        clock = self

        class _Block:
            def __enter__(self):
                clock.mark = timezone.now()

            def __exit__(self, *exc):
                if exc[0] is None:
                    backdate_since(clock.mark, day)

        return _Block()


def backdate_since(mark: dt.datetime, day: dt.date) -> None:
    from craftcity.dossier.asof import TRACKED_MODELS

    when = moment(day)
    for model in TRACKED_MODELS:
        model.history.filter(history_date__gte=mark).update(history_date=when)
        if any(f.name == "created_at" for f in model._meta.concrete_fields):
            model._default_manager.filter(created_at__gte=mark).update(created_at=when)


@pytest.fixture
def registry(db, make_person, make_user):
    """
    2020-03-01  A (artisan, f, 1980, jewellery, R1), B (artisan, m, 1990, jewellery+felt, R2),
                D (organiser), E (artisan, draft), F (artisan, jewellery), G (A's duplicate, jewellery, R1)
    2022-03-01  C (artisan, f, 2000, felt, R1) and the apprenticeship A → C from 2022
    2023-01-01  F unpublished
    2023-06-01  G merged into A
    """
    kz = Country.objects.create(iso_code="KZ", name={"en": "Kazakhstan"})
    r1 = Region.objects.create(country=kz, iso_code="KZ-75", name={"en": "Almaty", "kk": "Алматы"})
    r2 = Region.objects.create(country=kz, iso_code="KZ-71", name={"en": "Astana", "kk": "Астана"})
    crafts = CreativeField.objects.create(slug="crafts", name={"en": "Crafts"})
    jewellery = Discipline.objects.create(slug="jewellery", field=crafts, name={"en": "Jewellery", "kk": "Зергерлік"})
    felt = Discipline.objects.create(slug="felt", field=crafts, name={"en": "Felt", "kk": "Киіз"})
    clock = Clock()
    people = {}
    with clock.at(dt.date(2020, 3, 1)):
        people["A"] = make_person("Айжан Беккулова", occupation="artisan", gender="female", birth_year=1980,
                                  country=kz, region=r1, disciplines=[jewellery])  # fmt: skip
        people["B"] = make_person("Бауыржан Сәрсенов", occupation="artisan", gender="male", birth_year=1990,
                                  country=kz, region=r2, disciplines=[jewellery, felt])  # fmt: skip
        people["D"] = make_person("Дана Оспанова", occupation="organiser", country=kz)
        people["E"] = make_person("Ерлан Жақыпов", occupation="artisan", status="draft", country=kz)
        people["F"] = make_person("Фарида Омарова", occupation="artisan", country=kz, disciplines=[jewellery],
                                  phone="+7 701 000 11 22")  # fmt: skip
        people["G"] = make_person("Aizhan Bekkulova", language="en", occupation="artisan", gender="female",
                                  birth_year=1980, country=kz, region=r1, disciplines=[jewellery])  # fmt: skip
    with clock.at(dt.date(2022, 3, 1)):
        people["C"] = make_person("Салтанат Қали", occupation="artisan", gender="female", birth_year=2000,
                                  country=kz, region=r1, disciplines=[felt])  # fmt: skip
        relation_create(kind=Relation.Kind.APPRENTICESHIP, senior=people["A"], junior=people["C"], start_year=2022)
    with clock.at(dt.date(2023, 1, 1)):
        person_update(person=people["F"], status="draft")
    registrar = make_user(role="registrar")
    with clock.at(dt.date(2023, 6, 1)):
        from craftcity.linkage.services import person_merge

        person_merge(actor=registrar, keep=people["A"], absorb=people["G"])
    for person in people.values():
        person.refresh_from_db()
    return {"people": people, "regions": (r1, r2), "disciplines": (jewellery, felt), "kz": kz}


@pytest.fixture
def registrar(make_user):
    return make_user(role="registrar")


__all__ = ["Person", "get_user_model"]
