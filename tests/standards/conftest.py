"""The demo city is the data every contract test reads: it holds a work with an image and works without, a
cancelled event, collections, exhibitions, tours, dynasties and regions."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def demo_city(db):
    call_command("load_demo", synthetic=5, verbosity=0, stdout=StringIO(), stderr=StringIO())
