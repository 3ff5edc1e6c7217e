"""Every response names its request id, and the request log line carries it, without the query string."""

import json
import logging

import pytest

from craftcity.core.requestlog import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_log(caplog):
    caplog.handler.addFilter(RequestIdFilter())
    caplog.set_level(logging.INFO, logger="craftcity.requests")  # restored to the configured level afterwards
    return caplog


def test_the_request_id_is_sent_back_and_logged_without_the_query(client, request_log):
    response = client.get("/en/search/?q=Беккулова", HTTP_X_REQUEST_ID="proxy-abc-12345")
    assert response["X-Request-ID"] == "proxy-abc-12345"
    record = next(r for r in request_log.records if r.name == "craftcity.requests")
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "proxy-abc-12345" and line["path"] == "/en/search/" and line["status"] == 200
    assert "Беккулова" not in JsonFormatter().format(record)


def test_a_forged_request_id_is_replaced(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="<script>alert(1)</script>")
    assert response["X-Request-ID"] != "<script>alert(1)</script>" and len(response["X-Request-ID"]) == 32
