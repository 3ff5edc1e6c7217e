from io import StringIO

import pytest
from django.core.management import call_command


def run(*args, **options) -> str:
    """Run a management command, return what it printed."""
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


@pytest.fixture
def command():
    """Call a management command by name; returns its output."""
    return run


@pytest.fixture
def demo(db):
    """The demo city with a small synthetic community, as `craftcity load_demo --synthetic 40` builds it."""
    run("load_demo", synthetic=40, verbosity=0)
