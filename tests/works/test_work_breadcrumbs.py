import pytest

pytestmark = pytest.mark.django_db


def test_a_work_page_leads_back_to_the_works(client, make_work, breadcrumbs):
    work = make_work({"ru": "Кольцо", "en": "Ring"})
    steps, items = breadcrumbs(client.get(f"/ru/works/{work.pk}/").content.decode())
    assert steps == [("Главная", "/ru/"), ("Произведения", "/ru/works/"), ("Кольцо", "")]
    assert items[-1] == ("Кольцо", f"http://testserver/ru/works/{work.pk}/")
