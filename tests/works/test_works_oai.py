"""OAI-PMH 2.0: harvested end to end with Sickle against a live server; every error code where it belongs."""

import xml.etree.ElementTree as ET

import pytest
from sickle import Sickle
from sickle.oaiexceptions import (
    BadArgument,
    BadResumptionToken,
    CannotDisseminateFormat,
    IdDoesNotExist,
    NoRecordsMatch,
)

from craftcity.works import oai, services

NS = {"oai": "http://www.openarchives.org/OAI/2.0/"}


@pytest.fixture
def harvest(live_server):
    return Sickle(f"{live_server.url}/oai/", max_retries=1)


def _error(client, query: str) -> str:
    root = ET.fromstring(client.get(f"/oai/?{query}").content)
    return root.find("oai:error", NS).get("code")


@pytest.mark.django_db(transaction=True)
def test_harvest_everything_with_resumption_tokens(harvest, make_work, collection, crafts, monkeypatch):
    monkeypatch.setattr(oai, "PAGE_SIZE", 3)
    published = [make_work(collection=collection, discipline=crafts["felt"]) for _ in range(7)]
    make_work(publish=False)  # a draft: never harvested
    gone = make_work()
    services.work_withdraw(work=gone)

    identify = harvest.Identify()
    assert identify.protocolVersion == "2.0" and identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.deletedRecord == "transient"
    assert [f.metadataPrefix for f in harvest.ListMetadataFormats()] == ["oai_dc", "edm"]
    assert {s.setSpec for s in harvest.ListSets()} == {"collection:museum", "discipline:felt"}

    records = list(harvest.ListRecords(metadataPrefix="oai_dc", ignore_deleted=False))
    assert len(records) == 8  # 7 published + 1 withdrawn, over three pages
    deleted = [r for r in records if r.deleted]
    assert [r.header.identifier for r in deleted] == [f"oai:craftcity:work/{gone.pk}"]
    live = [r for r in records if not r.deleted]
    assert {r.header.identifier for r in live} == {f"oai:craftcity:work/{w.pk}" for w in published}
    first = live[0]
    assert first.metadata["title"][:3] and "Шебер Тест" in " ".join(first.metadata["creator"])
    assert first.header.datestamp.endswith("Z") and len(first.header.datestamp) == 20

    in_set = list(harvest.ListIdentifiers(metadataPrefix="oai_dc", set="collection:museum"))
    assert len(in_set) == 7
    record = harvest.GetRecord(identifier=f"oai:craftcity:work/{published[0].pk}", metadataPrefix="oai_dc")
    assert record.metadata["title"]

    with pytest.raises(IdDoesNotExist):
        harvest.GetRecord(identifier="oai:craftcity:work/999999", metadataPrefix="oai_dc")
    with pytest.raises(CannotDisseminateFormat):
        harvest.ListRecords(metadataPrefix="marc21")
    with pytest.raises(NoRecordsMatch):
        harvest.ListRecords(metadataPrefix="oai_dc", **{"from": "2999-01-01"})
    with pytest.raises(BadArgument):
        harvest.ListRecords(metadataPrefix="oai_dc", **{"from": "yesterday"})
    with pytest.raises(BadResumptionToken):
        harvest.ListRecords(resumptionToken="not-a-token")


def test_error_codes(client, make_work):
    draft = make_work(publish=False)
    assert _error(client, "verb=Nonsense") == "badVerb"
    assert _error(client, "") == "badVerb"
    assert _error(client, "verb=Identify&verb=Identify") == "badVerb"
    assert _error(client, "verb=ListRecords") == "badArgument"
    assert _error(client, "verb=Identify&extra=1") == "badArgument"
    assert _error(client, "verb=GetRecord&identifier=oai:craftcity:work/1") == "badArgument"
    assert _error(client, "verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=x") == "badArgument"
    assert _error(client, "verb=ListRecords&metadataPrefix=mods") == "cannotDisseminateFormat"
    assert _error(client, f"verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:craftcity:work/{draft.pk}") == (
        "idDoesNotExist"
    )
    assert _error(client, "verb=ListIdentifiers&resumptionToken=%%%") == "badResumptionToken"
    assert _error(client, "verb=ListRecords&metadataPrefix=oai_dc") == "noRecordsMatch"
    assert _error(client, "verb=ListRecords&metadataPrefix=oai_dc&set=nothing:here") == "badArgument"


def test_utc_datestamps_and_from_until(client, make_work):
    work = make_work()
    stamp = (
        ET.fromstring(client.get("/oai/?verb=ListIdentifiers&metadataPrefix=oai_dc").content)
        .find(".//oai:datestamp", NS)
        .text
    )
    assert stamp.endswith("Z")
    query = f"verb=ListIdentifiers&metadataPrefix=oai_dc&from={stamp}&until={stamp}"
    ids = [e.text for e in ET.fromstring(client.get(f"/oai/?{query}").content).iterfind(".//oai:identifier", NS)]
    assert ids == [f"oai:craftcity:work/{work.pk}"]
    assert _error(client, f"verb=ListIdentifiers&metadataPrefix=oai_dc&from={stamp[:10]}&until={stamp}") == (
        "badArgument"
    )


def test_post_requests_work_too(client, make_work):
    make_work()
    response = client.post("/oai/", {"verb": "ListRecords", "metadataPrefix": "oai_dc"})
    assert b"<ListRecords>" in response.content
