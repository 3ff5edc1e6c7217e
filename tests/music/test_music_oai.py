"""Repertoire and recordings in OAI-PMH: after the works, in oai_dc, as sets, deleted when withdrawn; the answers
are valid against the OAI-PMH schema."""

from standards.validators import oai_schema, xsd_errors

from craftcity.music import services


def _get(client, **params) -> str:
    response = client.get("/oai/", params)
    assert xsd_errors(oai_schema(), response.content) == []
    return response.content.decode()


def _harvest(client, verb: str, **params) -> str:
    """Every page of a list, following the resumption tokens."""
    import re

    pages = [_get(client, verb=verb, **params)]
    while token := re.search(r"<resumptionToken>([^<]+)</resumptionToken>", pages[-1]):
        pages.append(_get(client, verb=verb, resumptionToken=token.group(1)))
    return "".join(pages)


def test_music_records_follow_the_works_and_carry_dublin_core(client, make_musical_work, make_recording, make_person):
    hidden = make_person("Жасырын Адам", status="draft")
    work = make_musical_work({"en": "Saryarka"}, credits=[make_person("Құрманғазы"), (hidden, "lyricist")])
    recording = make_recording(work)
    page = _harvest(client, "ListRecords", metadataPrefix="oai_dc")
    assert f"oai:craftcity:musical_work/{work.pk}" in page and '<dc:title xml:lang="en">Saryarka</dc:title>' in page
    assert f"oai:craftcity:recording/{recording.pk}" in page and "<dc:type>Sound</dc:type>" in page
    assert "Жасырын" not in page
    sets = _get(client, verb="ListSets")
    assert "<setSpec>type:musical_work</setSpec>" in sets and "<setSpec>type:recording</setSpec>" in sets
    only = _get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="type:recording")
    assert f"recording/{recording.pk}" in only and "musical_work/" not in only
    record = _get(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=f"oai:craftcity:musical_work/{work.pk}")
    assert "<dc:creator>" in record
    refused = _get(client, verb="GetRecord", metadataPrefix="edm", identifier=f"oai:craftcity:musical_work/{work.pk}")
    assert 'code="cannotDisseminateFormat"' in refused


def test_a_withdrawn_recording_is_reported_deleted_and_drafts_never_appear(client, make_recording):
    withdrawn = make_recording()
    draft = make_recording(publish=False)
    services.recording_withdraw(recording=withdrawn)
    page = _get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="type:recording")
    assert f'<header status="deleted"><identifier>oai:craftcity:recording/{withdrawn.pk}</identifier>' in page
    assert f"recording/{draft.pk}<" not in page
    missing = _get(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=f"oai:craftcity:recording/{draft.pk}")
    assert 'code="idDoesNotExist"' in missing
