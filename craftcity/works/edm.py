"""Europeana Data Model (EDM) records for OAI-PMH (`metadataPrefix=edm`), in RDF/XML as Europeana harvests them.

Why EDM and not LIDO: craftcity's catalogue is harvested by aggregators of living heritage, and Europeana (and
the national aggregators that feed it) ingest EDM; it carries what oai_dc cannot — the split between the object
(edm:ProvidedCHO), its pictures (edm:WebResource, with the IIIF image service and manifest) and who provides it
under which rights (ore:Aggregation). The element order follows Europeana's EDM-EXTERNAL schema."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from django.conf import settings

from .models import Work

PREFIX = "edm"
SCHEMA = "http://www.europeana.eu/schemas/edm/EDM.xsd"
NAMESPACE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

_NAMESPACES = {
    "rdf": NAMESPACE,
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "edm": "http://www.europeana.eu/schemas/edm/",
    "ore": "http://www.openarchives.org/ore/terms/",
    "svcs": "http://rdfs.org/sioc/services#",
    "doap": "http://usefulinc.com/ns/doap#",
}


def _literal(name: str, value, lang: str | None = None) -> str:
    if value in (None, ""):
        return ""
    attr = f' xml:lang="{lang}"' if lang else ""
    return f"<{name}{attr}>{escape(str(value))}</{name}>"


def _resource(name: str, uri: str) -> str:
    return f"<{name} rdf:resource={quoteattr(uri)}/>" if uri else ""


def _texts(name: str, value) -> list[str]:
    return [_literal(name, text, code) for code, text in dict(value or {}).items() if text]


def record(row: dict, makers: list[str], images: list[dict], base: str) -> str:
    """One published work. `row` holds oai.ROW_FIELDS; `images`: dicts of pk, width, height, thumbnail_width
    in display order."""
    page = f"{base}/en/works/{row['pk']}/"
    cho = f"{page}#object"
    rights = Work.LICENSE_URLS.get(row["license"]) or row["rights_statement"]
    provider = getattr(settings, "CRAFTCITY_SITE_NAME", "craftcity")
    created = row["year_from"] or row["year_to"]
    if row["year_from"] and row["year_to"] and row["year_to"] != row["year_from"]:
        created = f"{row['year_from']}/{row['year_to']}"
    described = [
        *[_literal("dc:creator", name) for name in makers],
        *_texts("dc:description", row["description"]),
        _literal("dc:identifier", row["accession_number"]),
        *_texts("dc:subject", row["discipline__name"]),
        *_texts("dc:title", row["title"]),
        # What kind of thing it is: the craft names it (Europeana asks for dc:type or dc:subject).
        *_texts("dc:type", row["discipline__name"] or {"en": "craft object"}),
        _literal("dcterms:created", created),
        _literal("dcterms:extent", row["dimensions"]),
        *_texts("dcterms:isPartOf", row["collection__name"]),
        # Pictures of a physical object: Europeana's content type for it is IMAGE.
        "<edm:type>IMAGE</edm:type>",
    ]
    parts = [f"<edm:ProvidedCHO rdf:about={quoteattr(cho)}>{''.join(described)}</edm:ProvidedCHO>"]
    services = []
    for image in images:
        service = f"{base}/iiif/images/{image['pk']}"
        parts.append(
            f"<edm:WebResource rdf:about={quoteattr(f'{service}/full/max/0/default.jpg')}>"
            + _literal("dc:format", "image/jpeg")
            + _resource("edm:rights", rights)
            + _resource("dcterms:isReferencedBy", f"{base}/iiif/works/{row['pk']}/manifest.json")
            + _resource("svcs:has_service", service)
            + "</edm:WebResource>"
        )
        services.append(
            f"<svcs:Service rdf:about={quoteattr(service)}>"
            + _resource("dcterms:conformsTo", "http://iiif.io/api/image")
            + _resource("doap:implements", "http://iiif.io/api/image/3/level0.json")
            + "</svcs:Service>"
        )
    shown_by = ""
    preview = ""
    if images:
        first = f"{base}/iiif/images/{images[0]['pk']}"
        shown_by = _resource("edm:isShownBy", f"{first}/full/max/0/default.jpg")
        preview = _resource("edm:object", f"{first}/full/{images[0]['thumbnail_width']},/0/default.jpg")
    parts.append(
        f"<ore:Aggregation rdf:about={quoteattr(f'{page}#aggregation')}>"
        + _resource("edm:aggregatedCHO", cho)
        + _literal("edm:dataProvider", provider)
        + _resource("edm:isShownAt", page)
        + shown_by
        + preview
        + _literal("edm:provider", provider)
        + _resource("edm:rights", rights)
        + "</ore:Aggregation>"
    )
    parts += services
    declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _NAMESPACES.items())
    return f"<metadata><rdf:RDF {declarations}>{''.join(parts)}</rdf:RDF></metadata>"
