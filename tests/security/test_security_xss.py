"""Script injection, swept: a payload (`<script>alert(1)</script>"'><img src=x onerror=alert(1)>`, or a shorter
`<svg onload>` one where a field is short) in every free-text field of every row (tests/security/conftest.py
`poison`), then every page the URL resolver knows, for every record, read by an administrator (who sees drafts and
the back office), by a visitor and by the person in /me/: each answer is read by an independent parser for its type.

HTML: no script, event-handler attribute or tag of the payload in the parsed page, and the raw payload nowhere in
the body; JSON-LD blocks parse as JSON and cannot close their <script>. XML (OAI-PMH, sitemaps, GPX) is well-formed
for lxml; JSON (IIIF, API, GeoJSON) parses; iCalendar parses with icalendar; PDFs (pedigree, tour, dossier) show the
payload as literal text."""

from __future__ import annotations

import datetime as dt
import io
import json

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from lxml import etree
from lxml import html as lxml_html
from security.sweep import _walk, routes

RAW = ["<script>alert(1)", "<img src=x onerror", "<svg onload"]
SKIPPED = {"admin:logout", "account_logout", "set_language", "healthz", "readyz", "public:application-action"}


def _plain_pages() -> list[str]:
    """Every GET address without parameters (lists, feeds, forms), and the searches for the payload."""
    from django.urls import get_resolver

    urls = []
    for name, params, _pattern in _walk(get_resolver().url_patterns):
        if params or not name or name.endswith(":") or name in SKIPPED or name.startswith("api:"):
            continue
        if name.startswith("admin:") and name.endswith(("_add", "_changelist")):
            continue  # the lists are in _admin_pages; an add form shows no stored text but its drop-downs
        try:
            with translation.override("en"):
                urls.append(reverse(name))
        except NoReverseMatch:
            continue
    urls += ["/en/search/?q=alert", "/en/search/suggest/?q=alert", "/en/people/?q=alert", "/en/works/?q=cmd"]
    urls += [f"/oai/?verb=ListRecords&metadataPrefix={prefix}" for prefix in ("oai_dc", "edm")]
    urls += ["/oai/?verb=Identify", "/oai/?verb=ListSets", "/oai/?verb=ListIdentifiers&metadataPrefix=oai_dc"]
    from craftcity.public.sitemaps import SITEMAPS

    urls += [f"/sitemap-{section}.xml" for section in SITEMAPS]
    return sorted(set(urls))


def _object_pages(city) -> list[str]:
    """Every non-admin address with a record in it, for two records of its model and someone else's draft."""
    from django.apps import apps

    urls = []
    for route in routes():
        if route.is_admin or route.name.startswith("api:") or route.name == "public:application-action":
            continue
        model = apps.get_model(route.model)
        records = list(model._base_manager.order_by("pk")[:2])
        records += [obj for obj in city.theirs.values() if isinstance(obj, model)]
        urls += [route.url(obj) for obj in records if route.methods[0] == "get"]
    return sorted(set(urls))


def _admin_pages() -> list[str]:
    """Each back-office list, and the change and history pages of its first record."""
    urls = []
    with translation.override("en"):
        for model, _model_admin in admin.site._registry.items():
            info = (model._meta.app_label, model._meta.model_name)
            urls.append(reverse("admin:{}_{}_changelist".format(*info)))
            first = model._base_manager.order_by("pk").first()
            if first is not None:
                for view in ("change", "history"):
                    urls.append(reverse(f"admin:{info[0]}_{info[1]}_{view}", args=[first.pk]))
    return urls


class Findings:
    def __init__(self):
        self.problems, self.shown, self.kinds = [], 0, {}

    def check(self, url, response):
        if response.status_code != 200 or response.streaming:
            return
        kind = response["Content-Type"].split(";")[0]
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        body = response.content
        text = body.decode("utf-8", "replace")
        if "alert(1)" in text or "\\u003cscript" in text:
            self.shown += 1
        try:
            if kind == "text/html":
                self._html(url, text)
            elif kind.endswith("json"):
                json.loads(text)
            elif kind.endswith("xml") or kind == "application/gpx+xml":
                etree.fromstring(body)  # raises on anything not well-formed
                if "<script" in text:
                    self.problems.append((url, "a script element in XML"))
            elif kind == "text/calendar":
                from icalendar import Calendar

                Calendar.from_ical(body)
            elif kind == "application/pdf":
                self._pdf(url, body)
        except Exception as error:  # an unparseable answer is a finding in itself
            self.problems.append((url, f"{kind} does not parse: {error}"[:300]))

    def _html(self, url, text):
        for raw in RAW:
            if raw in text:
                self.problems.append((url, f"raw {raw!r} in the page"))
        tree = lxml_html.fromstring(text)
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            for name, value in element.attrib.items():
                if name.startswith("on") and "alert(1)" in value:
                    self.problems.append((url, f"<{element.tag} {name}=…> runs the payload"))
            if element.tag == "script":
                content = element.text or ""
                if element.get("type") in ("application/ld+json", "application/json"):
                    # A data block (JSON-LD, json_script): one the payload broke out of does not parse. What the
                    # map's scripts make of it is checked in a browser (tests/browser/test_browser_csp.py).
                    json.loads(content)
                elif "alert(1)" in content:
                    self.problems.append((url, "the payload inside a <script>"))
            if (element.tag == "img" and element.get("src") == "x") or (element.tag == "svg" and element.get("onload")):
                self.problems.append((url, f"an injected <{element.tag}>"))

    def _pdf(self, url, body):
        from pypdf import PdfReader

        text = "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
        if "alert(1)" not in text.replace("\n", ""):
            self.problems.append((url, "the payload does not show as text in the PDF"))


def test_no_page_feed_or_file_runs_the_payload(poisoned_city, client):
    plain, objects, back_office = _plain_pages(), _object_pages(poisoned_city), _admin_pages()
    assert len(plain) > 40 and len(objects) > 60 and len(back_office) > 100
    findings = Findings()
    client.force_login(poisoned_city.users["admin"])
    for url in [*plain, *objects, *back_office]:
        findings.check(url, client.get(url))
    client.logout()
    for url in [*plain, *objects]:
        findings.check(url, client.get(url))
    client.force_login(poisoned_city.users["victim"])
    for url in [u for u in [*plain, *objects] if u.startswith("/en/me/")]:
        findings.check(url, client.get(url))
    assert not findings.problems, "\n".join(f"{url}: {problem}" for url, problem in findings.problems)
    # The sweep reached the payload: it is on hundreds of pages, escaped, and in every kind of answer.
    assert findings.shown > 200, findings.shown
    assert {"text/html", "application/json", "text/calendar", "application/pdf"} <= set(findings.kinds)
    assert {"application/xml", "application/ld+json"} & set(findings.kinds) or "text/xml" in findings.kinds


def test_the_dossier_pdf_prints_the_payload_as_text(poisoned_city, tmp_path):
    from craftcity.dossier.services import dossier_build

    pdf, _annexes = dossier_build(as_of=dt.date.today(), template="wcc", language="en", out=tmp_path / "dossier.pdf")
    findings = Findings()
    findings._pdf("dossier.pdf", pdf.read_bytes())
    assert not findings.problems
