"""The W3C Reconciliation Service API 0.2 as OpenRefine uses it, checked against the specification's own JSON schemas
(vendored in tests/api/reconciliation_schemas/, see SOURCE.md)."""

import datetime
import json
from pathlib import Path

import jsonschema
import pytest
from django.test import Client
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from craftcity.search.services import index_rebuild

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "reconciliation_schemas"


def _validator(name: str):
    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        # "$schema": "http://json-schema.org/schema#" names no draft; the schemas are written in draft 7.
        resources.append((schema["$id"], Resource.from_contents(schema, default_specification=DRAFT7)))
    schema = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, registry=Registry().with_resources(resources))


def _valid(name: str, document) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _validator(name).iter_errors(document)]


@pytest.fixture
def registry(make_person, make_organization):
    people = {
        "aizhan": make_person("Айжан Беккулова", birth_year=1975, phone="+7 701 555 12 34", is_phone_public=True,
                              birth_date=datetime.date(1975, 3, 9), address="Абай даңғылы 1"),
        "dulat": make_person("Дулат Әшімов"),
        "draft": make_person("Жасырын Беккулова", status="draft"),
    }  # fmt: skip
    make_organization("crafts-union", name={"kk": "Қолөнершілер одағы", "en": "Crafts Union of Kazakhstan"})
    index_rebuild()
    return people


def test_the_manifest_follows_the_specification():
    response = Client().get("/api/v1/reconcile")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    manifest = response.json()
    assert _valid("manifest", manifest) == []
    assert [t["id"] for t in manifest["defaultTypes"]] == ["person", "organization", "craft", "work"]
    assert manifest["identifierSpace"] == "http://testserver/id/"


def test_a_latin_list_finds_cyrillic_records_in_one_batch(registry):
    queries = {
        "q0": {"query": "Aizhan Bekkulova", "type": "person"},
        "q1": {"query": "Dulat Ashimov"},
        "q2": {"query": "Crafts Union", "type": "organization", "limit": 2},
        "q3": {"query": "Nobody Known Here", "type": "person"},
    }
    assert _valid("reconciliation-query-batch", queries) == []
    response = Client().post("/api/v1/reconcile", {"queries": json.dumps(queries)})
    assert response.status_code == 200
    results = response.json()
    assert _valid("reconciliation-result-batch", results) == []
    top = results["q0"]["result"][0]
    assert top["id"] == f"person/{registry['aizhan'].pk}" and top["match"] is True
    assert top["type"] == [{"id": "person", "name": "Person"}]
    assert f"person/{registry['draft'].pk}" not in json.dumps(results)  # drafts are never candidates
    assert results["q1"]["result"][0]["id"] == f"person/{registry['dulat'].pk}"
    assert results["q2"]["result"][0]["type"][0]["id"] == "organization"
    assert results["q3"]["result"] == []
    body = json.dumps(results, ensure_ascii=False)
    assert "701 555" not in body and "Абай" not in body and "1975-03-09" not in body


def test_queries_by_get_and_jsonp(registry):
    queries = json.dumps({"q0": {"query": "Беккулова Айжан"}})
    response = Client().get("/api/v1/reconcile", {"queries": queries, "callback": "jsonp123"})
    assert response["Content-Type"].startswith("application/javascript")
    body = response.content.decode()
    assert body.startswith("/**/jsonp123(") and body.endswith(");")
    assert json.loads(body[len("/**/jsonp123(") : -2])["q0"]["result"][0]["id"] == f"person/{registry['aizhan'].pk}"


def test_bad_queries_are_refused_saying_what_is_wrong():
    client = Client()
    broken = client.post("/api/v1/reconcile", {"queries": "{not json"})
    assert broken.status_code == 400 and "not valid JSON" in broken.json()["error"]["message"]
    unknown = client.post("/api/v1/reconcile", {"queries": json.dumps({"q0": {"query": "x", "type": "dragon"}})})
    assert unknown.status_code == 400 and "dragon" in unknown.json()["error"]["message"]
    empty = client.post("/api/v1/reconcile", {"queries": json.dumps({"q0": {"query": " "}})})
    assert empty.status_code == 400 and "q0" in empty.json()["error"]["message"]


def test_the_preview_shows_public_fields_only(registry):
    aizhan = registry["aizhan"]
    response = Client().get(f"/api/v1/reconcile/preview/person/{aizhan.pk}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bekkulova" in html or "Беккулова" in html
    assert f'href="http://testserver/id/person/{aizhan.pk}"' in html
    assert "701 555" not in html and "Абай" not in html and "1975-03-09" not in html
    draft = Client().get(f"/api/v1/reconcile/preview/person/{registry['draft'].pk}")
    assert draft.status_code == 404
