import pytest
from network_partners import FakePartner


@pytest.fixture
def partner():
    made = []

    def make(slug: str = "samarkand-demo") -> FakePartner:
        city = FakePartner(slug)
        made.append(city)
        return city

    yield make
    for city in made:
        city.close()
