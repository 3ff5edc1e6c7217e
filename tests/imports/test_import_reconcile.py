"""Imports that reconcile instead of refusing: duplicates decided once by recordlink, and the mapping table."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import translation
from import_samples import HEADER_EN, HEADER_RU, write_csv

from craftcity.imports.issues import render_issue
from craftcity.imports.models import ImportBatch, ImportSource, PersonSource, ValueMapping
from craftcity.imports.services import import_people, value_mappings_save
from craftcity.linkage.models import DuplicateCandidate
from craftcity.people.models import Person, PersonName
from craftcity.taxonomy.models import Discipline

# --- duplicates -------------------------------------------------------------------------------------------


def test_a_row_that_is_a_known_person_enriches_them_instead_of_adding_a_second(reference, tmp_path, make_person):
    aizhan = make_person("Беккулова Айжан", language="kk", birth_year=1975)
    aizhan.email = "own@example.kz"
    aizhan.save()
    path = write_csv(
        tmp_path / "l.csv",
        [HEADER_RU, ["1", "Беккулова Айжан", "1975", "ж", "8 701 123 45 67", "other@mail.kz", "Түркістан облысы",
                     "Зергерлік өнер", ""]],
        delimiter=";",
    )  # fmt: skip

    batch = import_people(path=path).batch

    assert (batch.rows_created, batch.rows_enriched, batch.rows_drafted) == (0, 1, 0)
    assert Person.objects.count() == 1  # no second public Айжан
    aizhan.refresh_from_db()
    # Blanks filled from the list; what the registry already knew is not overwritten.
    assert (aizhan.phone, aizhan.email, aizhan.gender) == ("+77011234567", "own@example.kz", "female")
    assert aizhan.region == reference["regions"]["turkistan"]
    assert list(aizhan.disciplines.all()) == [reference["disciplines"]["jewellery"]]
    source = PersonSource.objects.get(batch=batch)
    assert (source.person_id, source.outcome) == (aizhan.pk, PersonSource.Outcome.ENRICHED)
    assert batch.candidates[0]["score"] >= 0.8 and batch.candidates[0]["person"] == aizhan.pk


def test_a_row_in_the_review_band_becomes_a_draft_beside_its_candidate(reference, tmp_path, make_person, client):
    known = make_person("Беккулова Айжан", language="kk", birth_year=1975)
    # The same name with no birth year: likely, not sure (recordlink puts it between 0.5 and 0.8).
    path = write_csv(
        tmp_path / "l.csv", [HEADER_RU, ["1", "Беккулова Айжан", "", "", "", "", "", "", ""]], delimiter=";"
    )

    batch = import_people(path=path).batch

    assert (batch.rows_created, batch.rows_enriched, batch.rows_drafted) == (1, 0, 1)
    draft = Person.objects.exclude(pk=known.pk).get()
    assert draft.status == "draft"
    assert 0.5 <= batch.candidates[0]["score"] < 0.8 and batch.candidates[0]["outcome"] == "draft"
    candidate = DuplicateCandidate.objects.get()
    assert {candidate.person_a_id, candidate.person_b_id} == {known.pk, draft.pk} and candidate.is_pending
    assert PersonSource.objects.get(person=draft).outcome == PersonSource.Outcome.DRAFT
    # Not published: the public site does not show the draft.
    assert client.get(f"/en/people/{draft.pk}/").status_code == 404


def test_the_import_and_the_review_queue_agree_about_the_same_pair(reference, tmp_path, make_person):
    """The pair the import sends to the queue is the pair find_duplicates would queue, at the same probability."""
    from craftcity.linkage.services import duplicates_find

    known = make_person("Беккулова Айжан", language="kk", birth_year=1975)
    path = write_csv(
        tmp_path / "l.csv", [HEADER_RU, ["1", "Беккулова Айжан", "", "", "", "", "", "", ""]], delimiter=";"
    )
    import_people(path=path)
    queued = DuplicateCandidate.objects.get()

    found = duplicates_find(person_ids=[known.pk], dry_run=True)

    assert [(p.first, p.second) for p in found.pairs] == [(queued.person_a_id, queued.person_b_id)]
    assert found.pairs[0].probability == pytest.approx(queued.match_probability, abs=0.05)


def test_a_kazakh_name_gets_the_same_derived_forms_from_the_import_and_the_service(reference, tmp_path):
    from craftcity.people.services import person_create

    made = person_create(
        names=[{"full_name": "Сәрсенова Жанар", "language": "kk", "form": "kk_cyrl", "is_primary": True}]
    )
    path = write_csv(tmp_path / "l.csv", [HEADER_EN, ["1", "Сәрсенова Жанар", "1990"]])
    import_people(path=path)  # born 1990: the registry's Жанар has no year, so she is only a candidate
    imported = Person.objects.exclude(pk=made.pk).get()

    def forms(person):
        return sorted(person.names.values_list("full_name", "language", "form", "is_derived"))

    assert forms(imported) == forms(made)
    assert {"ru", "en"} <= {lang for _n, lang, _f, derived in forms(imported) if derived}


# --- the mapping table ------------------------------------------------------------------------------------


@pytest.fixture
def taxonomy(db):
    call_command("load_reference", verbosity=0)
    return Discipline.objects.get(slug="embroidery")


def _embroidery_list(tmp_path):
    return write_csv(
        tmp_path / "кесте.csv",
        [
            HEADER_EN,
            ["1", "Әбдірахманова Күлпаш", "1961", "f", "", "", "Almaty", "кесте"],
            ["2", "Сергеева Ольга", "1958", "f", "", "", "Almaty", "вышивка"],
            ["3", "Aliya Nurtaza", "1990", "f", "", "", "Almaty", "embroidery"],
            ["4", "Жұмабаева Гүлнар", "1970", "f", "", "", "Almaty", "оюлап тігу"],
            ["5", "Қасымова Сәуле", "1975", "f", "", "", "Нарния", "Кесте"],
            ["6", "Омарова Дина", "1980", "f", "", "", "Almaty", "оюлап тігу"],
        ],
    )


def test_a_list_with_keste_vyshivka_embroidery_imports_in_one_go_after_mapping(taxonomy, tmp_path, registrar):
    path = _embroidery_list(tmp_path)
    source = ImportSource.objects.create(name="Алматы қолөнершілері")

    dry = import_people(path=path, source=source, actor=registrar, mode=ImportBatch.Mode.DRY_RUN).batch

    # кесте, вышивка and embroidery are one craft already; the two values nobody knows wait in the table.
    unknown = {(u["vocabulary"], u["value"]): u for u in dry.unknown_values}
    assert set(unknown) == {("craft", "оюлап тігу"), ("region", "Нарния")}
    # The suggestion for "оюлап тігу" (ornamental sewing) is embroidery ("кесте тігу"); for Нарния, nothing.
    assert unknown[("craft", "оюлап тігу")]["suggestions"][0]["id"] == taxonomy.pk
    assert unknown[("region", "Нарния")]["suggestions"] == []
    assert unknown[("craft", "оюлап тігу")]["rows"] == [5, 7] and unknown[("craft", "оюлап тігу")]["count"] == 2
    assert dry.rows_rejected == 3

    value_mappings_save(actor=registrar, source=source, choices=[
        {"vocabulary": "craft", "value": "оюлап тігу", "action": "map", "target": taxonomy.pk},
        {"vocabulary": "region", "value": "Нарния", "action": "blank"},
    ])  # fmt: skip
    batch = import_people(path=path, source=source, actor=registrar).batch

    assert (batch.status, batch.rows_created, batch.rows_rejected) == ("imported", 6, 0)
    assert set(Person.objects.values_list("disciplines__slug", flat=True)) == {"embroidery"}
    warning = next(i for i in batch.issues if i["code"] == "value_left_blank")
    assert (warning["row"], warning["severity"]) == (6, "warning")
    with translation.override("en"):
        assert render_issue(warning) == "“Нарния” is left blank, as decided for the lists of this source."
    assert Person.objects.get(names__full_name="Қасымова Сәуле").region is None


def test_rerunning_a_file_after_mapping_imports_exactly_the_rows_held_back(taxonomy, tmp_path, registrar):
    path = _embroidery_list(tmp_path)
    first = import_people(path=path, actor=registrar, mode=ImportBatch.Mode.VALID_ROWS).batch
    assert (first.rows_created, first.rows_rejected) == (3, 3)
    held_back = {"Жұмабаева Гүлнар", "Қасымова Сәуле", "Омарова Дина"}
    assert not PersonName.objects.filter(full_name__in=held_back).exists()

    value_mappings_save(actor=registrar, source=None, choices=[
        {"vocabulary": "craft", "value": "Оюлап  тігу ", "action": "map", "target": taxonomy.pk},
        {"vocabulary": "region", "value": "нарния", "action": "blank"},
    ])  # fmt: skip
    again = import_people(path=path, actor=registrar, mode=ImportBatch.Mode.VALID_ROWS).batch

    assert (again.rows_created, again.rows_unchanged, again.rows_rejected) == (3, 3, 0)
    assert set(PersonName.objects.filter(full_name__in=held_back).values_list("full_name", flat=True)) == held_back
    assert Person.objects.count() == 6


def test_creating_a_craft_from_the_mapping_table_is_for_registrars_only(taxonomy, make_user, registrar):
    curator = make_user("curator", role="curator")
    choice = {"vocabulary": "craft", "value": "Текемет басу", "action": "create"}

    with pytest.raises(PermissionDenied):
        value_mappings_save(actor=curator, source=None, choices=[choice])
    assert not ValueMapping.objects.exists() and not Discipline.objects.filter(name__icontains="Текемет").exists()

    [mapping] = value_mappings_save(actor=registrar, source=None, choices=[choice])
    created = Discipline.objects.get(pk=mapping.target_id)
    assert mapping.action == "map" and "Текемет басу" in created.name.values()


def test_a_region_cannot_be_created_from_the_mapping_table_and_nothing_is_saved(taxonomy, registrar):
    choices = [
        {"vocabulary": "craft", "value": "оюлап тігу", "action": "map", "target": taxonomy.pk},
        {"vocabulary": "region", "value": "Нарния", "action": "create"},
    ]
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        value_mappings_save(actor=registrar, source=None, choices=choices)

    assert "“Нарния”" in refused.value.messages[0] and "reference data" in refused.value.messages[0]
    assert not ValueMapping.objects.exists()  # the craft's decision was not half-saved either
