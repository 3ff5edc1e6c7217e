"""A registrar imports a list in the back office, in a real browser: upload with progress, result, report."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from craftcity.people.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_registrar_uploads_a_windows_1251_list_and_reads_the_result(page, login, make_user, tmp_path):
    call_command("load_reference", verbosity=0)
    make_user("registrar", role="registrar")
    text = "Список мастеров\n\nФИО;Год рождения;Область\nРафиков Икрамжан;1975;Алматы\nНурланова Асель;19x5;Алматы\n"
    path = tmp_path / "turkistan.csv"
    path.write_bytes(text.encode("cp1251"))
    login("registrar", language="ru")
    page.goto("/ru/admin/imports/importbatch/upload/")
    page.set_input_files("input[type=file]", str(path))
    page.check("input[value=valid_rows]")
    page.click("#import-form input[type=submit]")
    expect(page.locator("#import-progress")).to_be_visible()
    page.wait_for_url("**/result/")
    body = page.locator("#content").inner_text()
    assert "cp1251" in body
    assert "19x5" in body  # the rejected row is named with its value…
    assert "Год рождения" in body  # …and its column, as written in the file
    assert Person.objects.count() == 1
    with page.expect_download() as download:
        page.click("text=XLSX")
    assert download.value.suggested_filename.endswith(".xlsx")


def test_a_registrar_decides_an_unknown_craft_in_the_mapping_table_and_the_list_goes_in(
    page, login, make_user, tmp_path
):
    call_command("load_reference", verbosity=0)
    make_user("registrar", role="registrar")
    text = (
        "Аты-жөні;Туған жылы;Облыс;Қолөнер түрі\n"
        "Әбдірахманова Күлпаш;1961;Алматы;кесте\nСергеева Ольга;1958;Алматы;вышивка\n"
        "Aliya Nurtaza;1990;Алматы;embroidery\nЖұмабаева Гүлнар;1970;Алматы;оюлап тігу\n"
    )
    path = tmp_path / "кесте.csv"
    path.write_text(text, encoding="utf-8")
    login("registrar", language="kk")
    page.goto("/kk/admin/imports/importbatch/upload/")
    page.set_input_files("input[type=file]", str(path))
    page.check("input[value=dry_run]")
    page.click("#import-form input[type=submit]")
    page.wait_for_url("**/result/")

    table = page.locator("#import-mapping")
    expect(table).to_contain_text("оюлап тігу")
    expect(table.locator("select option:checked")).to_have_text("Кесте")  # the suggestion comes first
    page.check("#mapping-form input[name=then][value=all_or_nothing]")
    page.click("#mapping-save")
    page.wait_for_url("**/result/")

    expect(page.locator("#import-counts .created")).to_have_text("4")
    assert set(Person.objects.values_list("disciplines__slug", flat=True)) == {"embroidery"}
