"""Files as regional offices send them: every encoding, delimiter and layout lands the same people."""

import pytest
from import_samples import HEADER_EN, HEADER_KK, HEADER_RU, ROWS, ROWS_RU, write_csv, write_xlsx

from craftcity.imports.models import ImportBatch
from craftcity.imports.services import import_people
from craftcity.people.models import Person, PersonName


def _primary_names():
    return sorted(PersonName.objects.filter(is_primary=True).values_list("full_name", flat=True))


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16-le"), ("utf-16-be", "utf-16-be")],
)
def test_unicode_encodings_keep_kazakh_letters(reference, tmp_path, encoding, expected):
    data = [HEADER_KK, *ROWS]
    path = tmp_path / "list.csv"
    if encoding == "utf-16-be":  # a BOM written by hand, as Excel's "Unicode text" does
        path.write_bytes(b"\xfe\xff" + "\r\n".join(",".join(r) for r in data).encode("utf-16-be"))
    else:
        write_csv(path, data, encoding=encoding)

    batch = import_people(path=path).batch

    assert batch.status == ImportBatch.Status.IMPORTED, batch.issues
    assert batch.encoding == expected
    assert "Беккулова Айжан Серікқызы" in _primary_names()
    assert Person.objects.count() == 3


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_russian_code_pages_are_told_apart(reference, tmp_path, encoding):
    header = ["N п/п", *HEADER_RU[1:]]  # KOI8-R has no "№"
    path = write_csv(tmp_path / "list.csv", [header, *ROWS_RU], encoding=encoding, delimiter=";")

    batch = import_people(path=path).batch

    assert batch.encoding == encoding
    assert _primary_names() == ["Ахметова Гульнара", "Беккулова Айжан Сериковна", "Иванов Пётр Сергеевич"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiters(reference, tmp_path, delimiter):
    path = write_csv(tmp_path / "list.csv", [HEADER_EN, *ROWS], delimiter=delimiter)

    batch = import_people(path=path).batch

    assert batch.delimiter == delimiter
    assert batch.rows_created == 3
    assert Person.objects.get(birth_year=1968).email == "nurlan@example.com"


def test_title_rows_above_the_header_are_skipped_and_rows_keep_their_numbers(reference, tmp_path):
    titles = ["Список мастеров Туркестанской области", "по состоянию на 01.03.2025", ""]
    path = write_csv(tmp_path / "list.csv", [HEADER_RU, *ROWS], delimiter=";", title_rows=titles)

    batch = import_people(path=path).batch

    assert batch.header_row == 4
    person = Person.objects.get(birth_year=1980)
    assert person.import_sources.get().row_number == 6  # the spreadsheet row the registrar sees
    assert person.import_sources.get().raw["ФИО"] == "Иванов Пётр Сергеевич"


def test_xlsx_with_title_merged_cells_and_blank_rows(reference, tmp_path):
    # Row 1: a title merged across the sheet; the region and organization cells of rows 3-4 are merged.
    rows = [
        HEADER_RU,
        ROWS[0],
        [*ROWS[1][:6], None, ROWS[1][7], None],
        [None] * 9,
        ROWS[2],
    ]
    path = write_xlsx(
        tmp_path / "list.xlsx",
        rows,
        title_rows=["Түркістан облысы шеберлерінің тізімі"],
        merges=["A1:I1", "G3:G4", "I3:I4"],
    )

    batch = import_people(path=path).batch

    assert batch.file_format == "xlsx"
    assert batch.status == ImportBatch.Status.IMPORTED, batch.issues
    assert batch.rows_total == 3  # the blank row is not a person
    ivanov = Person.objects.get(birth_year=1980)
    assert ivanov.region == reference["regions"]["turkistan"]  # from the merged cell above
    assert ivanov.memberships.get().organization.name["kk"] == "Түркістан шеберлері"
    assert Person.objects.get(birth_year=1968).import_sources.get().row_number == 6


def test_xlsx_numbers_and_dates_are_read_as_the_user_sees_them(reference, tmp_path):
    import datetime as dt

    path = write_xlsx(
        tmp_path / "list.xlsx",
        [["Full name", "Date of birth", "Phone"], ["Aizhan Bekkulova", dt.datetime(1975, 3, 12), 87011234567]],
    )

    import_people(path=path)

    person = Person.objects.get()
    assert (person.birth_year, person.phone) == (1975, "+77011234567")


@pytest.mark.parametrize("header", [HEADER_KK, HEADER_RU, HEADER_EN])
def test_headers_in_each_language(reference, tmp_path, header):
    path = write_xlsx(tmp_path / "list.xlsx", [header, *ROWS])

    batch = import_people(path=path).batch

    assert set(batch.column_mapping.values()) == {
        "full_name", "birth_year", "gender", "phone", "email", "region", "craft", "organization"
    }  # fmt: skip
    assert batch.rows_created == 3


def test_split_name_columns(reference, tmp_path):
    path = write_csv(
        tmp_path / "list.csv", [["Фамилия", "Имя", "Отчество", "Год рождения"], ["Иванов", "Пётр", "Сергеевич", "1980"]]
    )

    import_people(path=path)

    name = PersonName.objects.get(is_primary=True)
    assert (name.full_name, name.given_name, name.family_name, name.patronymic) == (
        "Иванов Пётр Сергеевич", "Пётр", "Иванов", "Сергеевич"
    )  # fmt: skip
