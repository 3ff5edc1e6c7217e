"""What an import does to the registry: dry runs, all-or-nothing, valid rows only, re-imports, undo, crashes."""

import io

import openpyxl
import pytest
from django.utils import translation
from import_samples import HEADER_EN, HEADER_RU, ROWS, write_csv

from craftcity.audit.models import ChangeBatch
from craftcity.imports.issues import render_issue
from craftcity.imports.models import ImportBatch, ImportSource, PersonSource
from craftcity.imports.reports import report_bytes
from craftcity.imports.services import import_batch_undo, import_people
from craftcity.organizations.models import Organization
from craftcity.people import bulk
from craftcity.people.models import Person, PersonName

BAD_ROW = ["4", "Сапарова Дина", "19755", "ж", "12345", "not-an-email", "Марс", "вязание", ""]


@pytest.fixture
def good_file(tmp_path):
    return write_csv(tmp_path / "turkistan.csv", [HEADER_RU, *ROWS], delimiter=";")


@pytest.fixture
def mixed_file(tmp_path):
    return write_csv(tmp_path / "mixed.csv", [HEADER_RU, *ROWS, BAD_ROW], delimiter=";")


def test_dry_run_shows_what_would_happen_and_writes_nothing(reference, good_file, snapshot, make_person):
    make_person("Беккулова Айжан", language="kk", birth_year=1975)
    before, batches = snapshot(), ChangeBatch.objects.count()

    batch = import_people(path=good_file, mode=ImportBatch.Mode.DRY_RUN).batch

    assert snapshot() == before
    assert ChangeBatch.objects.count() == batches
    # Row 2 is the known Айжан Беккулова (recordlink: same name, year): it would enrich her, not add a second.
    assert (batch.status, batch.rows_created, batch.rows_rejected, batch.organizations_created) == ("dry_run", 2, 0, 1)
    assert (batch.rows_enriched, batch.rows_drafted) == (1, 0)
    assert batch.candidates[0]["row"] == 2 and batch.candidates[0]["name"] == "Беккулова Айжан"
    assert batch.candidates[0]["outcome"] == "enriched" and batch.candidates[0]["score"] >= 0.8


def test_all_or_nothing_with_one_bad_row_writes_nothing_and_names_row_and_columns(reference, mixed_file, snapshot):
    before = snapshot()

    result = import_people(path=mixed_file)

    assert snapshot() == before
    batch = result.batch
    assert (batch.status, batch.rows_rejected, batch.rows_created) == ("rejected", 1, 0)
    with translation.override("en"):
        problems = {(i["row"], i["column"]): render_issue(i) for i in batch.issues}
    assert set(problems) == {(5, "Год рождения"), (5, "Телефон"), (5, "E-mail"), (5, "Область"), (5, "Ремесло")}
    assert problems[(5, "Область")] == "Unknown region “Марс”."
    assert "вязание" in problems[(5, "Ремесло")]
    assert result.exit_code == 2


def test_unknown_region_hints_at_close_matches(reference, tmp_path):
    path = write_csv(tmp_path / "l.csv", [["ФИО", "Область"], ["Иванов Пётр", "Тукрестанская область"]])

    batch = import_people(path=path).batch

    with translation.override("en"):
        message = render_issue(batch.issues[0])
    assert message.startswith("Unknown region “Тукрестанская область”. Did you mean: “Turkistan Region”")


def test_valid_rows_only_writes_the_good_rows(reference, mixed_file):
    batch = import_people(path=mixed_file, mode=ImportBatch.Mode.VALID_ROWS).batch

    assert (batch.status, batch.rows_created, batch.rows_rejected) == ("imported", 3, 1)
    assert not PersonName.objects.filter(full_name__startswith="Сапарова").exists()
    assert Person.objects.count() == 3


def test_values_are_normalized_and_remember_their_source_row(reference, good_file):
    batch = import_people(path=good_file).batch

    aizhan = Person.objects.get(birth_year=1975)
    assert (aizhan.phone, aizhan.email, aizhan.gender) == ("+77011234567", "aizhan@mail.kz", "female")
    assert aizhan.region == reference["regions"]["turkistan"]
    assert aizhan.country == reference["country"]
    assert list(aizhan.disciplines.all()) == [reference["disciplines"]["jewellery"]]
    assert Person.objects.get(birth_year=1980).disciplines.get() == reference["disciplines"]["pottery"]
    assert Person.objects.get(birth_year=1968).region == reference["regions"]["almaty"]
    organization = Organization.objects.get()
    assert organization.name == {"kk": "Түркістан шеберлері"}
    assert organization.memberships.count() == 2
    source = aizhan.import_sources.get()
    assert (source.batch, source.row_number, source.raw["Телефон"]) == (batch, 2, "8 (701) 123-45-67")


def test_name_forms_original_primary_and_generated_marked(reference, good_file):
    import_people(path=good_file)

    aizhan = Person.objects.get(birth_year=1975)
    forms = {(n.form, n.language, n.is_primary): n.full_name for n in aizhan.names.all()}
    assert forms[("kk_cyrl", "kk", True)] == "Беккулова Айжан Серікқызы"
    assert forms[("ru_cyrl", "ru", False)] == "Беккулова Айжан Сериккызы"
    assert ("passport", "en", False) in forms
    assert set(aizhan.import_sources.get().generated_names) >= {"ru_cyrl", "kk_latn", "passport"}
    assert aizhan.names.get(is_primary=True).patronymic == "Серікқызы"
    # A Russian spelling is primary in Russian and only its Latin forms are generated (for English readers);
    # a Latin name is English.
    ivanov = Person.objects.get(birth_year=1980)
    forms = [(n.form, n.language, n.is_primary, n.full_name) for n in ivanov.names.all()]
    assert forms[0] == ("ru_cyrl", "ru", True, "Иванов Пётр Сергеевич")
    latin = {(form, language) for form, language, _p, _n in forms[1:]}
    assert ("passport", "en") in latin and latin <= {("passport", "en"), ("press", "en"), ("bgn_pcgn", "en")}
    nurlan = Person.objects.get(birth_year=1968)
    assert [(n.form, n.language) for n in nurlan.names.all()] == [("passport", "en")]


def test_reimporting_the_same_file_changes_nothing(reference, good_file, snapshot):
    first = import_people(path=good_file).batch
    before, batches, imports = snapshot(), ChangeBatch.objects.count(), ImportBatch.objects.count()

    again = import_people(path=good_file).batch

    assert again.status == ImportBatch.Status.ALREADY_IMPORTED
    with translation.override("en"):
        assert "already imported on" in render_issue(again.issues[0])
    assert str(first.pk) in render_issue(again.issues[0])
    assert snapshot() == before
    assert (ChangeBatch.objects.count(), ImportBatch.objects.count()) == (batches, imports)


def test_rows_already_imported_from_another_file_are_skipped(reference, good_file, tmp_path):
    import_people(path=good_file)
    extended = write_csv(
        tmp_path / "turkistan-2.csv", [HEADER_RU, *ROWS, ["4", "Сапарова Дина", "1991", "ж", "", "", "", "", ""]],
        delimiter=";",
    )  # fmt: skip

    batch = import_people(path=extended).batch

    assert (batch.rows_created, batch.rows_unchanged) == (1, 3)
    assert Person.objects.count() == 4
    with translation.override("en"):
        assert render_issue(batch.issues[0]).startswith("Already in the registry: imported from “turkistan.csv” on ")


def test_undo_of_an_import_restores_the_registry_exactly(reference, good_file, snapshot, make_person, registrar):
    make_person("Беккулова Айжан", birth_year=1975)
    before = snapshot()
    batch = import_people(path=good_file, actor=registrar).batch
    assert batch.change_batch.kind == ChangeBatch.Kind.IMPORT and batch.change_batch.label == "turkistan.csv"
    assert batch.change_batch.user == registrar
    # Two people created; the known Айжан Беккулова enriched (her blank fields filled), in the same batch.
    assert Person.history.filter(batch=batch.change_batch, history_type="+").count() == 2
    assert Person.history.filter(batch=batch.change_batch, history_type="~", birth_year=1975).exists()

    enriched = Person.objects.filter(birth_year=1975, names__full_name="Беккулова Айжан").distinct().get()
    assert enriched.phone == "+77011234567" and enriched.names.count() > 1  # the list's phone and name forms

    import_batch_undo(actor=registrar, batch=batch)

    def as_stored(state):  # the undo is itself a change: her updated_at says when it happened
        return {**state, "people": [{**row, "updated_at": None} for row in state["people"]]}

    assert as_stored(snapshot()) == as_stored(before)
    assert not PersonSource.objects.exists()
    batch.refresh_from_db()
    assert batch.is_undone and not batch.can_undo
    # Once undone, the same file may be imported again.
    assert import_people(path=good_file).batch.status == ImportBatch.Status.IMPORTED


def test_a_crash_in_the_middle_leaves_the_registry_as_before(reference, good_file, snapshot, monkeypatch):
    before, batches = snapshot(), ChangeBatch.objects.count()

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    # People are already written when their crafts fail.
    monkeypatch.setattr(bulk, "_write_disciplines", explode)
    with pytest.raises(RuntimeError):
        import_people(path=good_file)

    assert snapshot() == before
    assert ChangeBatch.objects.count() == batches
    assert not ImportBatch.objects.exists()


def test_error_messages_follow_the_users_language(reference, mixed_file):
    batch = import_people(path=mixed_file).batch
    issue = next(i for i in batch.issues if i["column"] == "Область")

    with translation.override("ru"):
        russian = render_issue(issue)
    with translation.override("en"):
        english = render_issue(issue)

    assert english == "Unknown region “Марс”."
    assert russian == "Неизвестный регион «Марс»."


def test_report_spreadsheet_lists_file_row_column_and_problem(reference, mixed_file):
    batch = import_people(path=mixed_file).batch

    with translation.override("en"):
        workbook = openpyxl.load_workbook(io.BytesIO(report_bytes(batch)))
    rows = list(workbook["Problems"].iter_rows(values_only=True))
    assert rows[0] == ("File", "Row", "Column", "Value", "What is wrong", "Severity")
    assert ("mixed.csv", 5, "Область", "Марс", "Unknown region “Марс”.", "rejected") in rows


def test_column_mapping_given_once_is_reused_for_the_source(reference, tmp_path):
    source = ImportSource.objects.create(name="Turkistan regional association")
    first = write_csv(tmp_path / "a.csv", [["Шебер аты", "Жылы"], ["Беккулова Айжан", "1975"]])
    import_people(path=first, source=source, column_mapping={"Шебер аты": "full_name", "Жылы": "birth_year"})
    source.refresh_from_db()
    assert source.column_mapping == {"Шебер аты": "full_name", "Жылы": "birth_year"}

    second = write_csv(tmp_path / "b.csv", [["Шебер аты", "Жылы"], ["Ахметов Ерлан", "1980"]])
    batch = import_people(path=second, source=source).batch

    assert batch.status == ImportBatch.Status.IMPORTED
    assert Person.objects.get(birth_year=1980).names.get(is_primary=True).full_name == "Ахметов Ерлан"


def test_one_person_listed_twice_in_two_scripts_becomes_one_person(reference, tmp_path):
    path = write_csv(
        tmp_path / "l.csv",
        [
            HEADER_EN,
            ["1", "Беккулова Айжан", "1975"],
            ["2", "Aizhan Bekkulova", "1975"],
            ["3", "Айжан Беккулова", "1990"],
        ],
    )

    batch = import_people(path=path).batch

    # Rows 2 and 3 are one woman (recordlink: same name across scripts, same year); row 4 is born 1990.
    assert (batch.rows_created, batch.rows_enriched, batch.rows_drafted) == (2, 1, 0)
    assert [(c["row"], c.get("file_row"), c["outcome"]) for c in batch.candidates] == [(3, 2, "enriched")]
    aizhan = Person.objects.get(birth_year=1975)
    assert {"Беккулова Айжан", "Aizhan Bekkulova"} <= set(aizhan.names.values_list("full_name", flat=True))
    assert set(aizhan.import_sources.values_list("row_number", "outcome")) == {(2, "created"), (3, "enriched")}


def test_the_portable_writer_used_on_postgresql_gives_the_same_registry_and_undo(
    reference, good_file, tmp_path, snapshot, monkeypatch
):
    fast = import_people(path=good_file).batch
    after_fast = snapshot()
    import_batch_undo(batch=fast)
    before = snapshot()

    monkeypatch.setattr(bulk, "fast_path", lambda: False)
    batch = import_people(path=good_file).batch

    def without_ids(state):
        return {
            table: [{k: v for k, v in row.items() if not k.endswith("id") and k not in ("created_at", "updated_at")}
                    for row in rows]
            for table, rows in state.items()
        }  # fmt: skip

    assert without_ids(snapshot()) == without_ids(after_fast)
    assert Person.history.filter(batch=batch.change_batch, history_type="+").count() == 3
    assert Person.history.model.objects.filter(batch=batch.change_batch).first().disciplines.count() == 1
    import_batch_undo(batch=batch)
    assert snapshot() == before


@pytest.mark.django_db(transaction=True)
def test_imported_people_are_found_by_search_in_any_script(tmp_path):
    from craftcity.imports.services import import_people
    from craftcity.search.services import search

    path = tmp_path / "list.csv"
    path.write_text("ФИО;Год рождения\nБеккулова Айжан;1970\n", encoding="utf-8")
    import_people(path=path, mode="all_or_nothing")
    # A name written in Russian spelling reads in Latin letters for English readers.
    with translation.override("ru"):
        assert [hit.title for hit in search("Aijan Bekkulova", kinds=["person"])] == ["Беккулова Айжан"]
    with translation.override("en"):
        assert [hit.title for hit in search("Беккулова", kinds=["person"])] == ["Bekkulova Aizhan"]


@pytest.mark.django_db(transaction=True)
def test_an_imported_person_already_in_the_registry_lands_in_the_review_queue(tmp_path, make_person):
    from craftcity.imports.services import import_people
    from craftcity.linkage.models import DuplicateCandidate

    existing = make_person("Икрамжан Рафиков")
    for i in range(30):  # a registry of some size, so the model has something to learn from
        make_person(f"Адам{i} Тұрғын{i}")
    path = tmp_path / "list.csv"
    path.write_text("ФИО;Год рождения\nРафиков Икрамжан;1975\n", encoding="utf-8")
    import_people(path=path, mode="all_or_nothing")
    pairs = {(c.person_a_id, c.person_b_id) for c in DuplicateCandidate.objects.all()}
    assert any(existing.pk in pair for pair in pairs)
