"""Every indicator of the dashboard downloads as a spreadsheet that opens, on the demo city, in each language."""

import io
from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from craftcity.dossier.indicators import REGISTRY

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_indicator_downloads_as_a_workbook_that_opens(client, make_user, language):
    call_command("load_demo", synthetic=5, verbosity=0, stdout=StringIO(), stderr=StringIO())
    client.force_login(make_user(role="analyst"))
    for code in REGISTRY:
        response = client.get(f"/{language}/admin/dossier/dossierbuild/dashboard/{code}.xlsx")
        assert response.status_code == 200, (code, response.status_code)
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet.max_row >= 2, code  # a header and at least one row of figures
