"""Independent readers of our output: the standards' own schemas (shipped in data/, see SOURCES.md) driven by
libraries we did not write (lxml, jsonschema, pyld, extruct, vobject). Nothing here imports craftcity."""

from __future__ import annotations

import functools
import gzip
import json
import re
from pathlib import Path

from lxml import etree

DATA = Path(__file__).parent / "data"

# Remote schema locations the shipped XSDs import, read from the shipped copies instead of the network.
_LOCAL = {
    "http://www.w3.org/2001/03/xml.xsd": DATA / "xml.xsd",
    "http://www.w3.org/2001/xml.xsd": DATA / "xml.xsd",
    "http://www.w3.org/2009/01/xml.xsd": DATA / "xml.xsd",
}


class _Offline(etree.Resolver):
    def resolve(self, url, pubid, context):
        if url in _LOCAL:
            return self.resolve_filename(str(_LOCAL[url]), context)
        if url.startswith(("http://", "https://")):
            raise AssertionError(f"the schema wants {url}, which is not shipped in tests/standards/data")
        return None


def _driver(*imports: tuple[str, str]) -> etree.XMLSchema:
    """One schema that imports several namespaces, so strict wildcards (OAI-PMH <metadata>, sitemap extensions)
    are checked against the real declarations."""
    lines = "".join(f'<xs:import namespace="{ns}" schemaLocation="{name}"/>' for ns, name in imports)
    text = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:craftcity:tests">'
        f"{lines}</xs:schema>"
    )
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Offline())
    document = etree.fromstring(text.encode(), parser, base_url=str(DATA / "driver.xsd"))
    return etree.XMLSchema(etree.ElementTree(document))


@functools.cache
def oai_schema() -> etree.XMLSchema:
    return _driver(
        ("http://www.openarchives.org/OAI/2.0/", "OAI-PMH.xsd"),
        ("http://www.openarchives.org/OAI/2.0/oai_dc/", "oai_dc.xsd"),
    )


@functools.cache
def oai_edm_schema() -> etree.XMLSchema:
    """OAI-PMH responses whose records are EDM: the envelope's schema and Europeana's EDM.xsd (their own DC
    declarations, so not together with oai_dc's)."""
    return _driver(
        ("http://www.openarchives.org/OAI/2.0/", "OAI-PMH.xsd"),
        ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "edm/EDM.xsd"),
    )


@functools.cache
def sitemap_schema() -> etree.XMLSchema:
    return _driver(
        ("http://www.sitemaps.org/schemas/sitemap/0.9", "sitemap.xsd"),
        ("http://www.w3.org/1999/xhtml", "xhtml-link.xsd"),
    )


@functools.cache
def siteindex_schema() -> etree.XMLSchema:
    return _driver(("http://www.sitemaps.org/schemas/sitemap/0.9", "siteindex.xsd"))


def xsd_errors(schema: etree.XMLSchema, content: bytes) -> list[str]:
    document = etree.fromstring(content, etree.XMLParser(no_network=True, resolve_entities=False))
    if schema.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


# --- IIIF Presentation 3: the presentation-validator's schema, read the way its v3 check reads it (Draft 7) ---


@functools.cache
def _iiif_validator():
    from jsonschema import Draft7Validator

    return Draft7Validator(json.loads((DATA / "iiif_3_0.json").read_text()))


def iiif_errors(document: dict) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message[:300]}"
        for e in _iiif_validator().iter_errors(document)
    ]


# --- schema.org: terms, domains and ranges from the vocabulary file, JSON-LD expanded by pyld ---

SCHEMA = "https://schema.org/"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"


class Vocabulary:
    def __init__(self):
        graph = json.loads(gzip.decompress((DATA / "schemaorg-current-https.jsonld.gz").read_bytes()))["@graph"]
        self.classes: dict[str, set[str]] = {}
        self.properties: dict[str, dict] = {}
        self.datatypes: set[str] = {
            "DataType", "Text", "URL", "Boolean", "Number", "Integer", "Float", "Date", "DateTime", "Time",
            "CssSelectorType", "XPathType", "PronounceableText",
        }  # fmt: skip
        for node in graph:
            types = node.get("@type")
            types = types if isinstance(types, list) else [types]
            name = node["@id"].removeprefix("schema:")
            if "rdfs:Class" in types or "schema:DataType" in types:
                parents = node.get("rdfs:subClassOf", [])
                parents = parents if isinstance(parents, list) else [parents]
                self.classes[name] = {p["@id"].removeprefix("schema:") for p in parents}
                if "schema:DataType" in types:
                    self.datatypes.add(name)
            elif "rdf:Property" in types:
                self.properties[name] = {
                    "domain": self._ids(node.get("schema:domainIncludes")),
                    "range": self._ids(node.get("schema:rangeIncludes")),
                    "superseded": bool(node.get("schema:supersededBy")),
                }
            elif isinstance(node.get("@type"), str) and node["@type"].startswith("schema:"):
                # An enumeration member (e.g. EventCancelled is an EventStatusType).
                self.classes.setdefault(name, set())
                self.members = getattr(self, "members", {})
                self.members[name] = node["@type"].removeprefix("schema:")
        self.members = getattr(self, "members", {})

    @staticmethod
    def _ids(value) -> set[str]:
        value = value if isinstance(value, list) else [value] if value else []
        return {v["@id"].removeprefix("schema:") for v in value}

    @functools.cache  # noqa: B019 - one vocabulary per test run
    def ancestors(self, name: str) -> set[str]:
        seen, todo = set(), [name]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo += self.classes.get(current, ())
        return seen

    def literal_allowed(self, ranges: set[str]) -> bool:
        return any(self.ancestors(r) & self.datatypes for r in ranges)


@functools.cache
def vocabulary() -> Vocabulary:
    return Vocabulary()


@functools.cache
def _context() -> dict:
    return json.loads(gzip.decompress((DATA / "schemaorgcontext.jsonld.gz").read_bytes()))


def _loader(url, options=None):
    if url.rstrip("/") in {"https://schema.org", "http://schema.org"} or "schemaorgcontext" in url:
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": _context()}
    raise AssertionError(f"JSON-LD wants {url}, which is not shipped")


def expand(document: dict) -> list[dict]:
    from pyld import jsonld

    return jsonld.expand(document, {"documentLoader": _loader})


_ISO_DATE = re.compile(r"^-?\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$")


def schemaorg_errors(document: dict) -> list[str]:
    """What the schema.org validator would flag: unknown types and properties, properties outside their
    types' domains, values outside their ranges, superseded terms, dates that are not ISO 8601."""
    vocab = vocabulary()
    errors: list[str] = []

    def short(iri: str) -> str | None:
        # The context schema.org serves expands terms to http://schema.org/; both schemes name the same terms.
        for prefix in (SCHEMA, "http://schema.org/"):
            if iri.startswith(prefix):
                return iri.removeprefix(prefix)
        return None

    def walk(node: dict, where: str):
        types = [short(t) for t in node.get("@type", [])]
        for t in types:
            if t is None or t not in vocab.classes:
                errors.append(f"{where}: unknown type {t!r}")
        lineage = set().union(*(vocab.ancestors(t) for t in types if t)) if types else set()
        for key, values in node.items():
            if key.startswith("@"):
                if key == "@graph":
                    for i, child in enumerate(values):
                        walk(child, f"{where}/@graph[{i}]")
                continue
            name = short(key)
            if name is None:
                errors.append(f"{where}: {key} is not a schema.org property")
                continue
            term = vocab.properties.get(name)
            if term is None:
                errors.append(f"{where}: unknown property {name!r}")
                continue
            if term["superseded"]:
                errors.append(f"{where}: {name} is superseded")
            if lineage and not (term["domain"] & lineage):
                errors.append(f"{where}: {name} is not a property of {'/'.join(map(str, types))}")
            for i, value in enumerate(values):
                at = f"{where}.{name}[{i}]"
                if "@value" in value and short(str(value["@value"])) in vocab.members:
                    # "https://schema.org/EventCancelled" as text: validators read it as the enumeration member.
                    member = short(str(value["@value"]))
                    if not vocab.ancestors(vocab.members[member]) & term["range"]:
                        errors.append(f"{at}: {member} is not one of {sorted(term['range'])}")
                elif "@value" in value:
                    if not vocab.literal_allowed(term["range"]):
                        errors.append(f"{at}: a text value where {sorted(term['range'])} is expected")
                    elif term["range"] <= {"Date", "DateTime"} and not _ISO_DATE.match(str(value["@value"])):
                        errors.append(f"{at}: {value['@value']!r} is not an ISO 8601 date")
                elif "@list" in value:
                    for j, item in enumerate(value["@list"]):
                        walk(item, f"{at}[{j}]")
                else:
                    value_types = [short(t) for t in value.get("@type", [])]
                    if value_types:
                        reach = set().union(*(vocab.ancestors(t) for t in value_types if t))
                        if not reach & term["range"] and not ({"URL", "Text"} & term["range"] and not reach):
                            errors.append(
                                f"{at}: a {'/'.join(map(str, value_types))} where {sorted(term['range'])} is expected"
                            )
                    elif set(value) == {"@id"}:
                        member = short(value["@id"])
                        if member in vocab.members and not vocab.ancestors(vocab.members[member]) & term["range"]:
                            errors.append(f"{at}: {member} is not one of {sorted(term['range'])}")
                    walk(value, at)

    for i, node in enumerate(expand(document)):
        walk(node, f"[{i}]")
    return errors


def jsonld_blocks(html: str, url: str) -> list[dict]:
    """The JSON-LD a crawler finds in a page (extruct, as search engines' tools extract it)."""
    import extruct

    return extruct.extract(html, base_url=url, syntaxes=["json-ld"], uniform=False)["json-ld"]


# --- iCalendar: a second parser (vobject) and RFC 5545's grammar for a calendar's body ---


def ical_errors(content: bytes) -> list[str]:
    import vobject

    try:
        calendar = vobject.readOne(content.decode("utf-8"), validate=True)
    except Exception as error:  # vobject raises its own ParseError and ValidateError types
        return [f"vobject: {error}"]
    errors = []
    components = [c for c in calendar.getChildren() if isinstance(c, vobject.base.Component)]
    if not components:
        errors.append("RFC 5545 §3.4: a VCALENDAR needs at least one component")
    for name in ("PRODID", "VERSION"):
        if not any(c.name == name for c in calendar.getChildren()):
            errors.append(f"RFC 5545 §3.6: {name} is required")
    for event in [c for c in components if c.name == "VEVENT"]:
        for name in ("uid", "dtstamp"):
            if name not in event.contents:
                errors.append(f"VEVENT without {name.upper()}")
    return errors
