"""OAI-PMH 2.0 provider for the published catalogue, in oai_dc and EDM (edm.py); withdrawn works are reported as
deleted."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from . import edm
from .models import Collection, Work, WorkMaker

PAGE_SIZE = 100
EARLIEST = "2000-01-01T00:00:00Z"
VERBS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
}


class OAIError(Exception):
    def __init__(self, code: str, message: str):
        self.code, self.message = code, message


def repository_id() -> str:
    return getattr(settings, "CRAFTCITY_OAI_REPOSITORY_ID", "craftcity")


def identifier(pk: int) -> str:
    return f"oai:{repository_id()}:work/{pk}"


@dataclass(frozen=True)
class RecordSource:
    """Another app's records in this repository (the extension point; music registers repertoire and recordings).

    Its records are identified `oai:<repository>:<name>/<pk>`, form the set `type:<name>`, are offered in oai_dc
    only, and follow the works in ListRecords/ListIdentifiers (pages hold one source's records each, in id order).
    `harvestable()` gives the published records and those once published (reported deleted), with `status` and
    `updated_at`; `dublin_core(pks, base)` gives the Dublin Core elements of the published ones."""

    name: str
    label: object
    harvestable: Callable
    dublin_core: Callable


SOURCES: dict[str, RecordSource] = {}


def register_source(source: RecordSource) -> None:
    SOURCES[source.name] = source


def _pk_from(identifier_text: str) -> int:
    source, pk = _source_and_pk(identifier_text)
    if source != "work":
        raise OAIError("idDoesNotExist", "No such identifier in this repository.")
    return pk


def _source_and_pk(identifier_text: str) -> tuple[str, int]:
    """("work" or a registered source's name, pk) of an identifier of this repository."""
    head = f"oai:{repository_id()}:"
    name, _slash, pk = identifier_text.removeprefix(head).partition("/")
    if not identifier_text.startswith(head) or not pk.isdigit() or (name != "work" and name not in SOURCES):
        raise OAIError("idDoesNotExist", "No such identifier in this repository.")
    return name, int(pk)


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_date(value: str, *, end: bool) -> dt.datetime:
    try:
        if len(value) == 10:
            day = dt.date.fromisoformat(value)
            moment = dt.datetime.combine(day, dt.time.max if end else dt.time.min)
        elif len(value) == 20 and value.endswith("Z"):
            moment = dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
            if end:
                moment = moment.replace(microsecond=999999)
        else:
            raise ValueError
    except ValueError:
        raise OAIError("badArgument", f"Bad date {value!r}: use YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.") from None
    return moment.replace(tzinfo=dt.UTC)


def _sets() -> list[tuple[str, str]]:
    from craftcity.taxonomy.models import Discipline

    result = [(f"collection:{c.slug}", str(c)) for c in Collection.objects.public().order_by("slug")]
    used = Work.objects.public().values("discipline_id")
    result += [(f"discipline:{d.slug}", str(d)) for d in Discipline.objects.filter(pk__in=used).order_by("slug")]
    # A source's set is listed once it holds a record, as a discipline's is once a work uses it.
    result += [(f"type:{s.name}", str(s.label)) for s in SOURCES.values() if s.harvestable().exists()]
    return result


def _encode(state: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(state, separators=(",", ":")).encode()).decode()


def _decode(token: str) -> dict:
    try:
        state = json.loads(base64.urlsafe_b64decode(token.encode()))
        if not isinstance(state, dict) or not isinstance(state.get("after"), int):
            raise ValueError
        return state
    except (ValueError, TypeError):
        raise OAIError("badResumptionToken", "The resumption token is invalid or has expired.") from None


def _records_query(args: dict):
    qs = Work.objects.harvestable()
    if args.get("from"):
        qs = qs.filter(updated_at__gte=_parse_date(args["from"], end=False))
    if args.get("until"):
        qs = qs.filter(updated_at__lte=_parse_date(args["until"], end=True))
    if args.get("from") and args.get("until") and len(args["from"]) != len(args["until"]):
        raise OAIError("badArgument", "from and until must have the same granularity.")
    spec = args.get("set")
    if spec:
        kind, _sep, slug = spec.partition(":")
        if kind == "collection":
            qs = qs.filter(collection__slug=slug, collection__status="published")
        elif kind == "discipline":
            qs = qs.filter(discipline__slug=slug)
        else:
            raise OAIError("badArgument", f"Unknown set {spec!r}.")
    return qs


def _header(row: dict) -> str:
    deleted = ' status="deleted"' if row["status"] != Work.Status.PUBLISHED else ""
    sets = ""
    if row["status"] == Work.Status.PUBLISHED:
        if row["collection__slug"] and row["collection__status"] == "published":
            sets += f"<setSpec>collection:{escape(row['collection__slug'])}</setSpec>"
        if row["discipline__slug"]:
            sets += f"<setSpec>discipline:{escape(row['discipline__slug'])}</setSpec>"
    return (
        f"<header{deleted}><identifier>{identifier(row['pk'])}</identifier>"
        f"<datestamp>{_stamp(row['updated_at'])}</datestamp>{sets}</header>"
    )


ROW_FIELDS = [
    "pk", "status", "updated_at", "title", "description", "year_from", "year_to", "dimensions", "rights_statement",
    "license", "accession_number", "collection__slug", "collection__status", "collection__name", "discipline__slug",
    "discipline__name",
]  # fmt: skip


def _el(name: str, value, lang: str | None = None) -> str:
    if not value:
        return ""
    attr = f' xml:lang="{lang}"' if lang else ""
    return f"<dc:{name}{attr}>{escape(str(value))}</dc:{name}>"


dc_element = _el  # for sources' Dublin Core: one element, escaped, with its language


def _dc(row: dict, makers: list[str], base: str) -> str:
    parts = [_el("title", text, code) for code, text in dict(row["title"] or {}).items()]
    parts += [_el("creator", name) for name in makers]
    parts += [_el("subject", text, code) for code, text in dict(row["discipline__name"] or {}).items()]
    parts += [_el("description", text, code) for code, text in dict(row["description"] or {}).items()]
    date = row["year_from"] or row["year_to"]
    if row["year_from"] and row["year_to"] and row["year_to"] != row["year_from"]:
        date = f"{row['year_from']}/{row['year_to']}"
    parts.append(_el("date", date))
    parts.append(_el("type", "PhysicalObject"))
    parts.append(_el("format", row["dimensions"]))
    parts.append(_el("identifier", f"{base}/en/works/{row['pk']}/"))
    parts.append(_el("identifier", row["accession_number"]))
    parts += [_el("relation", text, code) for code, text in dict(row["collection__name"] or {}).items()]
    parts.append(_el("rights", Work.LICENSE_URLS.get(row["license"]) or row["rights_statement"]))
    return _dc_wrap("".join(parts))


def _dc_wrap(elements: str) -> str:
    return (
        '<metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ '
        'http://www.openarchives.org/OAI/2.0/oai_dc.xsd">' + elements + "</oai_dc:dc></metadata>"
    )


def _images(pks: list[int]) -> dict[int, list[dict]]:
    from .models import WorkImage

    found: dict[int, list[dict]] = {}
    for image in (
        WorkImage.objects.filter(work_id__in=pks)
        .order_by("work_id", "position", "pk")
        .values("work_id", "pk", "width", "height", "thumbnail_width")
    ):
        found.setdefault(image["work_id"], []).append(image)
    return found


# metadataPrefix: (schema, namespace); each record is written by _metadata.
FORMATS = {
    "oai_dc": ("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", "http://www.openarchives.org/OAI/2.0/oai_dc/"),
    edm.PREFIX: (edm.SCHEMA, edm.NAMESPACE),
}


def _check_format(prefix: str | None) -> None:
    if prefix not in FORMATS:
        raise OAIError("cannotDisseminateFormat", f"Offered formats: {', '.join(FORMATS)}.")


def _metadata(prefix: str, rows: list[dict], base: str) -> dict[int, str]:
    """The <metadata> of each published row, read in two or three queries for the whole page."""
    pks = [r["pk"] for r in rows if r["status"] == Work.Status.PUBLISHED]
    makers = _makers(pks)
    if prefix == edm.PREFIX:
        images = _images(pks)
        return {
            pk: edm.record(row, makers.get(pk, []), images.get(pk, []), base)
            for row in rows
            if (pk := row["pk"]) in pks
        }
    return {row["pk"]: _dc(row, makers.get(row["pk"], []), base) for row in rows if row["pk"] in pks}


def _makers(pks: list[int]) -> dict[int, list[str]]:
    from craftcity.people.models import PersonName

    rows = list(
        WorkMaker.objects.filter(work_id__in=pks).order_by("work_id", "position").values_list("work_id", "person_id")
    )
    names = {}
    for person_id, full_name in PersonName.objects.filter(
        person_id__in={p for _w, p in rows}, is_primary=True
    ).values_list("person_id", "full_name"):
        names.setdefault(person_id, full_name)
    result: dict[int, list[str]] = {}
    for work_id, person_id in rows:
        result.setdefault(work_id, []).append(names.get(person_id, ""))
    return result


def _chain(args: dict) -> list[str]:
    """The sources a list request covers, in the order they are harvested: the works, then the registered ones."""
    spec = args.get("set") or ""
    oai_dc = args.get("metadataPrefix") == "oai_dc"
    if spec.startswith("type:"):
        name = spec.removeprefix("type:")
        if name not in SOURCES:
            raise OAIError("badArgument", f"Unknown set {spec!r}.")
        return [name] if oai_dc else []
    return ["work"] + ([*SOURCES] if oai_dc and not spec else [])


def _source_rows(name: str, args: dict, after: int) -> list[dict]:
    if name == "work":
        qs, fields = _records_query(args), ROW_FIELDS
    else:
        qs, fields = SOURCES[name].harvestable(), ["pk", "status", "updated_at"]
        if args.get("from"):
            qs = qs.filter(updated_at__gte=_parse_date(args["from"], end=False))
        if args.get("until"):
            qs = qs.filter(updated_at__lte=_parse_date(args["until"], end=True))
    return list(qs.filter(pk__gt=after).order_by("pk").values(*fields)[: PAGE_SIZE + 1])


def _source_header(name: str, row: dict) -> str:
    published = row["status"] == Work.Status.PUBLISHED
    return (
        f"<header{'' if published else ' status="deleted"'}><identifier>oai:{repository_id()}:{name}/{row['pk']}"
        f"</identifier><datestamp>{_stamp(row['updated_at'])}</datestamp>"
        f"{f'<setSpec>type:{name}</setSpec>' if published else ''}</header>"
    )


def _source_metadata(name: str, rows: list[dict], base: str) -> dict[int, str]:
    pks = [row["pk"] for row in rows if row["status"] == Work.Status.PUBLISHED]
    return {pk: _dc_wrap(elements) for pk, elements in SOURCES[name].dublin_core(pks, base).items()}


def _list(verb: str, args: dict, base: str) -> str:
    if args.get("resumptionToken"):
        state = _decode(args["resumptionToken"])
        args = {k: v for k, v in state.items() if k in {"from", "until", "set", "metadataPrefix"}}
        after, source = state["after"], state.get("source", "work")
    else:
        after, source = 0, None
    _check_format(args.get("metadataPrefix"))
    chain = _chain(args)
    if source is not None and source not in chain:
        raise OAIError("badResumptionToken", "The resumption token is invalid or has expired.")
    rows, name = [], None
    for position in range(chain.index(source) if source else 0, len(chain)):
        name = chain[position]
        rows = _source_rows(name, args, after)
        if rows:
            break
        if after:
            raise OAIError("badResumptionToken", "The resumption token is invalid or has expired.")
    if not rows:
        raise OAIError("noRecordsMatch", "No records match the request.")
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    body = []
    if name == "work":
        metadata = _metadata(args["metadataPrefix"], rows, base) if verb == "ListRecords" else {}
        header = _header
    else:
        metadata = _source_metadata(name, rows, base) if verb == "ListRecords" else {}
        if verb == "ListRecords":  # a record the source writes no metadata for is not public after all
            rows = [{**row, "status": row["status"] if row["pk"] in metadata else "withdrawn"} for row in rows]
        header = lambda row: _source_header(name, row)  # noqa: E731
    for row in rows:
        if verb == "ListIdentifiers":
            body.append(header(row))
        elif row["status"] == Work.Status.PUBLISHED:
            body.append(f"<record>{header(row)}{metadata[row['pk']]}</record>")
        else:
            body.append(f"<record>{header(row)}</record>")
    following = next((later for later in chain[chain.index(name) + 1 :] if _source_rows(later, args, 0)), None)
    if more:
        token = _encode({**args, "after": rows[-1]["pk"], "source": name})
    elif following is not None:
        token = _encode({**args, "after": 0, "source": following})
    else:
        token = ""
    if token or after or source:
        body.append(f"<resumptionToken>{token}</resumptionToken>")
    return "".join(body)


def _get_record(args: dict, base: str) -> str:
    name, pk = _source_and_pk(args["identifier"])
    _check_format(args["metadataPrefix"])
    if name != "work":
        if args["metadataPrefix"] != "oai_dc":
            raise OAIError("cannotDisseminateFormat", "This record is offered in oai_dc only.")
        row = SOURCES[name].harvestable().filter(pk=pk).values("pk", "status", "updated_at").first()
        if row is None:
            raise OAIError("idDoesNotExist", "No such identifier in this repository.")
        metadata = _source_metadata(name, [row], base).get(pk) if row["status"] == Work.Status.PUBLISHED else None
        if metadata is None:
            return f"<record>{_source_header(name, {**row, 'status': 'withdrawn'})}</record>"
        return f"<record>{_source_header(name, row)}{metadata}</record>"
    row = Work.objects.harvestable().filter(pk=pk).values(*ROW_FIELDS).first()
    if row is None:
        raise OAIError("idDoesNotExist", "No such identifier in this repository.")
    if row["status"] != Work.Status.PUBLISHED:
        return f"<record>{_header(row)}</record>"
    return f"<record>{_header(row)}{_metadata(args['metadataPrefix'], [row], base)[pk]}</record>"


def _identify(base: str) -> str:
    stamps = [
        records.order_by("updated_at").values_list("updated_at", flat=True).first()
        for records in [Work.objects.harvestable(), *(source.harvestable() for source in SOURCES.values())]
    ]
    first = min((stamp for stamp in stamps if stamp is not None), default=None)
    return (
        f"<repositoryName>{escape(getattr(settings, 'CRAFTCITY_SITE_NAME', 'craftcity'))}</repositoryName>"
        f"<baseURL>{base}/oai/</baseURL><protocolVersion>2.0</protocolVersion>"
        f"<adminEmail>{escape(getattr(settings, 'CRAFTCITY_OAI_ADMIN_EMAIL', 'catalogue@example.org'))}</adminEmail>"
        f"<earliestDatestamp>{_stamp(first) if first else EARLIEST}</earliestDatestamp>"
        "<deletedRecord>transient</deletedRecord><granularity>YYYY-MM-DDThh:mm:ssZ</granularity>"
    )


def _formats(args: dict) -> str:
    offered = FORMATS
    if args.get("identifier"):
        name, pk = _source_and_pk(args["identifier"])
        records = Work.objects.harvestable() if name == "work" else SOURCES[name].harvestable()
        if not records.filter(pk=pk).exists():
            raise OAIError("idDoesNotExist", "No such identifier in this repository.")
        if name != "work":
            offered = {"oai_dc": FORMATS["oai_dc"]}
    return "".join(
        f"<metadataFormat><metadataPrefix>{prefix}</metadataPrefix><schema>{schema}</schema>"
        f"<metadataNamespace>{namespace}</metadataNamespace></metadataFormat>"
        for prefix, (schema, namespace) in offered.items()
    )


def _list_sets(args: dict) -> str:
    if args.get("resumptionToken"):
        raise OAIError("badResumptionToken", "ListSets is complete in one response.")
    return "".join(
        f"<set><setSpec>{escape(spec)}</setSpec><setName>{escape(name)}</setName></set>" for spec, name in _sets()
    )


# The syntax OAI-PMH.xsd gives each argument (metadataPrefixType, setSpecType, UTCdatetimeType): a value outside
# it is a badArgument before anything else is looked at, so no illegal value is ever echoed back.
_SYNTAX = {
    "metadataPrefix": re.compile(r"[A-Za-z0-9\-_.!~*'()]+"),
    "set": re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*"),
    "from": re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?"),
    "until": re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?"),
}


def _check(verb: str | None, params) -> dict:
    if verb not in VERBS:
        raise OAIError("badVerb", "Illegal or missing verb.")
    required, optional = VERBS[verb]
    args = {}
    for key in params:
        values = params.getlist(key)
        if key == "verb":
            if len(values) > 1:
                raise OAIError("badVerb", "The verb is repeated.")
            continue
        if key not in required | optional or len(values) > 1:
            raise OAIError("badArgument", f"Illegal or repeated argument {key!r}.")
        args[key] = values[0]
    for key, value in args.items():
        if key in _SYNTAX and not _SYNTAX[key].fullmatch(value):
            raise OAIError("badArgument", f"The value of {key!r} is not valid: {value!r}.")
    for key in ("from", "until"):
        if key in args:
            _parse_date(args[key], end=key == "until")
    if "from" in args and "until" in args and len(args["from"]) != len(args["until"]):
        raise OAIError("badArgument", "from and until must have the same granularity.")
    if "resumptionToken" in args and len(args) > 1:
        raise OAIError("badArgument", "resumptionToken is an exclusive argument.")
    if "resumptionToken" not in args:
        missing = required - set(args)
        if missing:
            raise OAIError("badArgument", f"Missing argument(s): {', '.join(sorted(missing))}.")
    return args


@csrf_exempt
def endpoint(request):
    params = request.GET if request.method == "GET" else request.POST
    verb = params.get("verb")
    base = request.build_absolute_uri("/").rstrip("/")
    request_attrs = ""
    try:
        args = _check(verb, params)
        request_attrs = f' verb="{verb}"' + "".join(f' {k}="{escape(v, {chr(34): "&quot;"})}"' for k, v in args.items())
        if verb == "Identify":
            body = _identify(base)
        elif verb == "ListMetadataFormats":
            body = _formats(args)
        elif verb == "ListSets":
            body = _list_sets(args)
        elif verb == "GetRecord":
            body = _get_record(args, base)
        else:
            body = _list(verb, args, base)
        content = f"<{verb}>{body}</{verb}>"
    except OAIError as error:
        if error.code in {"badVerb", "badArgument"}:
            request_attrs = ""  # §3.2: after badVerb or badArgument, the base URL only
        content = f'<error code="{error.code}">{escape(error.message)}</error>'
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">'
        f"<responseDate>{_stamp(timezone.now())}</responseDate>"
        f"<request{request_attrs}>{base}/oai/</request>{content}</OAI-PMH>"
    )
    return HttpResponse(xml, content_type="text/xml; charset=utf-8")
