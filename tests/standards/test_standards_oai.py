"""OAI-PMH 2.0 responses as the official OAI-PMH.xsd reads them (with oai_dc.xsd and simpledc for the records,
strictly), and §3.2's rule that a badVerb or badArgument response echoes no request attributes."""

from urllib.parse import quote

import pytest
from lxml import etree

from craftcity.works.models import Work
from standards.validators import oai_schema, xsd_errors

pytestmark = pytest.mark.django_db

NS = {"oai": "http://www.openarchives.org/OAI/2.0/"}


def _get(client, query: str) -> etree._Element:
    response = client.get(f"/oai/?{query}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/xml")
    errors = xsd_errors(oai_schema(), response.content)
    assert errors == [], (query, errors)
    return etree.fromstring(response.content)


def test_every_verb_on_the_demo_validates_against_the_oai_pmh_schema(client, demo_city):
    work = Work.objects.public().first()
    identify = _get(client, "verb=Identify")
    assert identify.findtext("oai:Identify/oai:protocolVersion", namespaces=NS) == "2.0"
    formats = _get(client, "verb=ListMetadataFormats")
    assert "oai_dc" in [e.text for e in formats.iterfind(".//oai:metadataPrefix", NS)]
    sets = _get(client, "verb=ListSets")
    specs = [e.text for e in sets.iterfind(".//oai:setSpec", NS)]
    assert specs
    records = _get(client, "verb=ListRecords&metadataPrefix=oai_dc")
    assert len(records.findall(".//oai:record", NS)) == Work.objects.harvestable().count()
    for spec in specs:
        _get(client, f"verb=ListIdentifiers&metadataPrefix=oai_dc&set={quote(spec)}")
    record = _get(client, f"verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:craftcity:work/{work.pk}")
    assert record.find(".//{http://purl.org/dc/elements/1.1/}title") is not None
    _get(client, "verb=ListRecords&metadataPrefix=oai_dc&from=2000-01-01&until=2999-12-31")


@pytest.mark.parametrize(
    "query, code",
    [
        ("verb=Explode", "badVerb"),
        ("verb=ListRecords&verb=Identify", "badVerb"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=2020-13-45", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=yesterday", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2021-01-01T00:00:00Z", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&set=no%20such%20set!", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&set=planet:mars", "badArgument"),
        ("verb=ListRecords&metadataPrefix=bad%20prefix%3F", "badArgument"),
        ("verb=GetRecord&metadataPrefix=oai_dc", "badArgument"),
        ("verb=Identify&colour=red", "badArgument"),
    ],
)
def test_bad_requests_answer_with_the_base_url_only_and_stay_valid(client, demo_city, query, code):
    root = _get(client, query)
    assert root.find("oai:error", NS).get("code") == code
    request = root.find("oai:request", NS)
    assert dict(request.attrib) == {}, "§3.2: no attributes on <request> after badVerb or badArgument"
    assert request.text == "http://testserver/oai/"


def test_other_errors_echo_the_request_and_stay_valid(client, demo_city):
    root = _get(client, "verb=ListRecords&metadataPrefix=marc21")
    assert root.find("oai:error", NS).get("code") == "cannotDisseminateFormat"
    assert root.find("oai:request", NS).attrib == {"verb": "ListRecords", "metadataPrefix": "marc21"}
    root = _get(client, "verb=ListRecords&metadataPrefix=oai_dc&from=2999-01-01")
    assert root.find("oai:error", NS).get("code") == "noRecordsMatch"
    for identifier in ("oai:craftcity:work/999999", "not%20a%20uri%20%3C%3E"):
        root = _get(client, f"verb=GetRecord&metadataPrefix=oai_dc&identifier={identifier}")
        assert root.find("oai:error", NS).get("code") == "idDoesNotExist"


def test_edm_records_validate_against_europeanas_schema_and_its_mandatory_rules(client, demo_city):
    from standards.validators import oai_edm_schema

    response = client.get("/oai/?verb=ListRecords&metadataPrefix=edm")
    assert xsd_errors(oai_edm_schema(), response.content) == []
    root = etree.fromstring(response.content)
    ns = {**NS, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "edm": "http://www.europeana.eu/schemas/edm/",
          "ore": "http://www.openarchives.org/ore/terms/", "dc": "http://purl.org/dc/elements/1.1/",
          "svcs": "http://rdfs.org/sioc/services#"}  # fmt: skip
    records = root.findall(".//rdf:RDF", ns)
    assert len(records) == Work.objects.public().count()
    with_image = 0
    for rdf in records:
        # The rules EDM-EXTERNAL states as Schematron asserts and Europeana's guidelines as mandatory.
        (cho,) = rdf.findall("edm:ProvidedCHO", ns)
        assert cho.findtext("dc:title", namespaces=ns) or cho.findtext("dc:description", namespaces=ns)
        assert cho.find("dc:subject", ns) is not None or cho.find("dc:type", ns) is not None
        (aggregation,) = rdf.findall("ore:Aggregation", ns)
        about, resource = f"{{{ns['rdf']}}}about", f"{{{ns['rdf']}}}resource"
        assert aggregation.find("edm:aggregatedCHO", ns).get(resource) == cho.get(about)
        assert aggregation.find("edm:isShownAt", ns) is not None or aggregation.find("edm:isShownBy", ns) is not None
        rights = aggregation.find("edm:rights", ns).get(f"{{{ns['rdf']}}}resource")
        assert rights.startswith(("http://creativecommons.org/", "http://rightsstatements.org/vocab/"))
        for resource in rdf.findall("edm:WebResource", ns):
            with_image += 1
            service = resource.find("svcs:has_service", ns).get(f"{{{ns['rdf']}}}resource")
            assert client.get(service.removeprefix("http://testserver") + "/info.json").status_code == 200
    assert with_image >= 1
    formats = _get(client, "verb=ListMetadataFormats")
    assert [e.text for e in formats.iterfind(".//oai:metadataPrefix", NS)] == ["oai_dc", "edm"]
