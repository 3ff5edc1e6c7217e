"""Behind the reverse proxy every request comes from 127.0.0.1: rate limits and sign-in pauses must count the
visitor the proxy saw (the last X-Forwarded-For entry), not the proxy, and not whatever a client writes in front."""

import pytest

pytestmark = pytest.mark.django_db
PROXY = "127.0.0.1"


def _via_proxy(visitor, claimed=None):
    forwarded = f"{claimed}, {visitor}" if claimed else visitor
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


@pytest.fixture
def behind_nginx(settings):
    settings.CRAFTCITY_TRUSTED_PROXIES = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def test_suggestions_count_the_visitor_and_a_forged_header_does_not_help(client, settings, behind_nginx):
    settings.CRAFTCITY_SUGGEST_RATE = "2/min"
    # Each question new (a stored answer is not counted): the index is asked every time.
    for forged, typed in (("10.0.0.1", "ai"), ("10.0.0.2", "aig")):
        assert client.get("/en/search/suggest/", {"q": typed}, **_via_proxy("198.51.100.7", forged)).status_code == 200
    again = client.get("/en/search/suggest/", {"q": "aigu"}, **_via_proxy("198.51.100.7", "10.0.0.3"))
    assert again.status_code == 429
    assert client.get("/en/search/suggest/", {"q": "aigu"}, **_via_proxy("198.51.100.8")).status_code == 200


def test_wrong_passwords_pause_the_visitor_who_typed_them_not_everyone_behind_the_proxy(
    client, make_user, behind_nginx
):
    registrar = make_user("registrar-proxy", role="registrar", password="right-pass-123")

    def sign_in(password, visitor):
        return client.post(
            "/en/admin/login/", {"username": registrar.username, "password": password}, **_via_proxy(visitor)
        )

    for _attempt in range(5):
        sign_in("guess", "203.0.113.50")
    assert sign_in("right-pass-123", "203.0.113.50").status_code == 429  # paused for that address
    assert sign_in("right-pass-123", "203.0.113.51").status_code == 302  # the real owner, elsewhere, gets in
