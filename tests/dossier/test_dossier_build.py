"""The dossier files: bad input refused with no file written, PDFs in three languages, private data kept out."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook
from pypdf import PdfReader

from craftcity.dossier.models import NarrativeSection
from craftcity.dossier.services import DossierError, dossier_build

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2024, 1, 1)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"as_of": dt.date(2019, 1, 1)}, "No data existed on 2019-01-01"),
        ({"template": "eurovision"}, "Unknown template 'eurovision'"),
        ({"language": "de"}, "Unknown language 'de'"),
    ],
)
def test_bad_input_gives_a_clear_message_and_no_file(registry, tmp_path, options, message):
    arguments = {"as_of": AS_OF, "template": "wcc", "language": "en", "out": tmp_path / "d.pdf", **options}
    with pytest.raises(DossierError, match=message):
        dossier_build(**arguments)
    assert list(tmp_path.iterdir()) == []


def test_a_failure_midway_leaves_no_half_written_file(registry, tmp_path, monkeypatch):
    from craftcity.dossier import report

    def explode(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(report, "render_annexes", explode)
    with pytest.raises(RuntimeError):
        dossier_build(as_of=AS_OF, template="wcc", language="en", out=tmp_path / "d.pdf")
    assert list(tmp_path.iterdir()) == []


def test_the_command_reports_bad_input_as_an_error(registry, tmp_path):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("build_dossier", "--as-of", "1.1.2024", "--template", "wcc", "--lang", "en",
                     "--out", str(tmp_path / "d.pdf"))  # fmt: skip
    with pytest.raises(CommandError, match="Unknown template"):
        call_command("build_dossier", "--as-of", "2024-01-01", "--template", "x", "--lang", "en",
                     "--out", str(tmp_path / "d.pdf"))  # fmt: skip
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("language", "template", "heading", "day"), [
    ("kk", "wcc", "Шеберлер мен музыканттар", "2024 жылғы 1 қаңтар"),
    ("ru", "uccn", "Мастера и музыканты", "1 января 2024"),
    ("en", "wcc", "Practitioners", "1 January 2024"),
])  # fmt: skip
def test_the_pdf_renders_in_each_language(registry, tmp_path, language, template, heading, day):
    NarrativeSection.objects.create(
        template=template, title={"kk": "Қысқаша", "ru": "Резюме", "en": "Summary"}, body={"en": "Crafts thrive."}
    )
    pdf, xlsx = dossier_build(as_of=AS_OF, template=template, language=language, out=tmp_path / "dossier.pdf")
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 8
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert day in text and "2024-01-01" not in text  # the date as the reader writes it, not ISO
    assert heading in text
    assert "Crafts thrive." in text
    assert xlsx == tmp_path / "dossier.xlsx" and xlsx.exists()


def test_annexes_list_people_without_private_data(registry, tmp_path):
    people = registry["people"]
    # A's phone is private; B consented to show theirs.
    from craftcity.people.services import person_update

    person_update(person=people["A"], phone="+7 777 123 45 67", email="aizhan@private.kz")
    person_update(person=people["B"], phone="+7 705 555 00 00", is_phone_public=True)
    _pdf, xlsx = dossier_build(
        as_of=dt.date.today(), template="wcc", language="en", out=tmp_path / "d.pdf", annexes=tmp_path / "a.xlsx"
    )
    workbook = load_workbook(xlsx, read_only=True)
    cells = {str(cell) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for cell in row}
    assert "+7 777 123 45 67" not in cells and "aizhan@private.kz" not in cells
    assert "+7 701 000 11 22" not in cells  # F withdrew: counted in the past, never listed
    assert "+7 705 555 00 00" in cells
    artisans = [row for row in workbook["Artisans and musicians"].iter_rows(values_only=True)][1:]
    assert sorted(row[1] for row in artisans) == [
        "Aizhan Bekkulova",
        "Bauyrzhan Sarsenov",
        "Saltanat Kali",
    ]  # the English form, when there is one
    by_name = {row[1]: row for row in artisans}
    assert by_name["Bauyrzhan Sarsenov"][3] in ("Felt; Jewellery", "Jewellery; Felt")
    assert by_name["Aizhan Bekkulova"][6] == 1980
