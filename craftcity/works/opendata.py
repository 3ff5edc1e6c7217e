"""Open-data dumps: every public work, person and organization as CSV and as JSON-LD, under CC BY 4.0.

Rows are read as flat tuples in chunks, never as model instances, so 200,000 works dump in seconds.
Files are written beside their final names and renamed only when all are complete.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from craftcity.core.exporters import safe_row

DUMP_FILES = ["works.csv", "works.jsonld", "people.csv", "people.jsonld", "organizations.csv", "organizations.jsonld"]
CHUNK = 5000


def dump_dir() -> Path:
    return Path(settings.CRAFTCITY_OPEN_DATA_DIR)


def _lang(value, code: str) -> str:
    return (value or {}).get(code, "") if isinstance(value, dict) else ""


def _chunks(queryset, fields: list[str]) -> Iterator[list[tuple]]:
    last = 0
    while True:
        rows = list(queryset.filter(pk__gt=last).order_by("pk").values_list("pk", *fields)[:CHUNK])
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def _languages() -> list[str]:
    return list(settings.CONTENT_LANGUAGES)


def work_rows(base: str) -> tuple[list[str], Iterator[tuple[list, dict]]]:
    from craftcity.people.models import PersonName
    from craftcity.taxonomy.models import Discipline
    from craftcity.works.models import Collection, Work, WorkMaker

    langs = _languages()
    disciplines = {pk: slug for pk, slug in Discipline.objects.values_list("pk", "slug")}
    collections = {pk: slug for pk, slug in Collection.objects.public().values_list("pk", "slug")}
    header = ["id", "url", *[f"title_{c}" for c in langs], "makers", "year_from", "year_to", "discipline",
              "dimensions", "collection", "accession_number", "license", "rights_statement", "updated_at"]  # fmt: skip
    fields = ["title", "year_from", "year_to", "discipline_id", "dimensions", "collection_id", "accession_number",
              "license", "rights_statement", "updated_at", "description"]  # fmt: skip

    def rows():
        for chunk in _chunks(Work.objects.public(), fields):
            pks = [row[0] for row in chunk]
            makers: dict[int, list[int]] = {}
            for work_id, person_id in WorkMaker.objects.filter(work_id__in=pks).values_list("work_id", "person_id"):
                makers.setdefault(work_id, []).append(person_id)
            names = dict(
                PersonName.objects.filter(person_id__in={p for ps in makers.values() for p in ps}, is_primary=True)
                .order_by("person_id", "-id")
                .values_list("person_id", "full_name")
            )
            for pk, title, y1, y2, disc, dims, coll, acc, lic, rights, updated, description in chunk:
                url = f"{base}/en/works/{pk}/"
                maker_names = [names.get(p, "") for p in makers.get(pk, [])]
                license_url = Work.LICENSE_URLS.get(lic, "")
                csv_row = [pk, url, *[_lang(title, c) for c in langs], "; ".join(maker_names), y1 or "", y2 or "",
                           disciplines.get(disc, ""), dims, collections.get(coll, ""), acc, license_url or lic, rights,
                           updated.isoformat()]  # fmt: skip
                node = {
                    "@type": "VisualArtwork",
                    "@id": url,
                    "name": [{"@language": c, "@value": t} for c, t in (title or {}).items() if t],
                    "creator": [{"@type": "Person", "name": n} for n in maker_names],
                    "artform": disciplines.get(disc),
                    "dateCreated": str(y1) if y1 else None,
                    "size": dims or None,
                    "identifier": acc or None,
                    "license": license_url or rights,
                    "dateModified": updated.isoformat(),
                    "description": [{"@language": c, "@value": t} for c, t in (description or {}).items() if t] or None,
                }
                yield csv_row, {k: v for k, v in node.items() if v not in (None, [], "")}

    return header, rows()


def person_rows(base: str) -> tuple[list[str], Iterator[tuple[list, dict]]]:
    from craftcity.people.models import Person, PersonName
    from craftcity.taxonomy.models import Discipline

    header = ["id", "url", "name", "other_names", "occupation", "birth_year", "country", "disciplines", "website",
              "email", "phone"]  # fmt: skip
    fields = ["occupation", "birth_year", "country__iso_code", "website", "email", "is_email_public", "phone",
              "is_phone_public"]  # fmt: skip
    disciplines = dict(Discipline.objects.values_list("pk", "slug"))
    through = Person.disciplines.through

    def rows():
        for chunk in _chunks(Person.objects.public(), fields):
            pks = [row[0] for row in chunk]
            names: dict[int, list[str]] = {}
            for person_id, full_name in (
                PersonName.objects.filter(person_id__in=pks)
                .order_by("person_id", "-is_primary", "id")
                .values_list("person_id", "full_name")
            ):
                names.setdefault(person_id, []).append(full_name)
            crafts: dict[int, list[str]] = {}
            for person_id, discipline_id in through.objects.filter(person_id__in=pks).values_list(
                "person_id", "discipline_id"
            ):
                crafts.setdefault(person_id, []).append(disciplines.get(discipline_id, ""))
            for pk, occupation, birth_year, country, website, email, email_ok, phone, phone_ok in chunk:
                url = f"{base}/en/people/{pk}/"
                all_names = list(dict.fromkeys(names.get(pk, [])))
                # Contact details only where the person consented to their publication.
                email = email if email_ok else ""
                phone = phone if phone_ok else ""
                first = all_names[0] if all_names else ""
                csv_row = [pk, url, first, "; ".join(all_names[1:]), occupation, birth_year or "", country or "",
                           "; ".join(crafts.get(pk, [])), website, email, phone]  # fmt: skip
                node = {
                    "@type": "Person",
                    "@id": url,
                    "name": all_names[0] if all_names else None,
                    "alternateName": all_names[1:] or None,
                    "birthDate": str(birth_year) if birth_year else None,
                    "nationality": {"@type": "Country", "identifier": country} if country else None,
                    "knowsAbout": crafts.get(pk) or None,
                    "sameAs": website or None,
                    "email": email or None,
                    "telephone": phone or None,
                }
                yield csv_row, {k: v for k, v in node.items() if v is not None}

    return header, rows()


def organization_rows(base: str) -> tuple[list[str], Iterator[tuple[list, dict]]]:
    from craftcity.organizations.models import Organization

    langs = _languages()
    header = [
        "id",
        "url",
        "slug",
        "kind",
        *[f"name_{c}" for c in langs],
        "parent",
        "country",
        "founded_year",
        "website",
    ]
    fields = ["slug", "kind", "name", "parent__slug", "country__iso_code", "founded_year", "website"]

    def rows():
        for chunk in _chunks(Organization.objects.public(), fields):
            for pk, slug, kind, name, parent, country, founded, website in chunk:
                url = f"{base}/en/organizations/{slug}/"
                csv_row = [pk, url, slug, kind, *[_lang(name, c) for c in langs], parent or "", country or "",
                           founded or "", website]  # fmt: skip
                node = {
                    "@type": "Organization",
                    "@id": url,
                    "name": [{"@language": c, "@value": t} for c, t in (name or {}).items() if t],
                    "foundingDate": str(founded) if founded else None,
                    "sameAs": website or None,
                    "parentOrganization": {"@id": f"{base}/en/organizations/{parent}/"} if parent else None,
                }
                yield csv_row, {k: v for k, v in node.items() if v is not None}

    return header, rows()


KINDS: dict[str, Callable] = {"works": work_rows, "people": person_rows, "organizations": organization_rows}


def dump_open_data(*, out: Path, base: str, progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Write the six dump files into `out`; returns rows written per kind."""
    out.mkdir(parents=True, exist_ok=True)
    counts, written = {}, []
    license_url = settings.CRAFTCITY_DATA_LICENSE_URL
    for kind, source in KINDS.items():
        header, rows = source(base)
        csv_tmp, json_tmp = out / f".{kind}.csv.part", out / f".{kind}.jsonld.part"
        count = 0
        with (
            csv_tmp.open("w", newline="", encoding="utf-8") as csv_file,
            json_tmp.open("w", encoding="utf-8") as json_file,
        ):
            writer = csv.writer(csv_file)
            writer.writerow(safe_row(header))
            # The licence belongs to a node: the Dataset that the file is, first in the graph (beside @graph,
            # a property attaches to nothing in JSON-LD).
            dataset = {
                "@type": "Dataset",
                "@id": f"{base}/en/open-data/{kind}.jsonld",
                "name": f"craftcity open data: {kind}",
                "description": f"Every public {kind} record of the registry, refreshed nightly; personal data only "
                "where the person consented.",
                "license": license_url,
                "dateModified": timezone.now().isoformat(timespec="seconds"),
                "distribution": [
                    {
                        "@type": "DataDownload",
                        "encodingFormat": media,
                        "contentUrl": f"{base}/en/open-data/{kind}.{ext}",
                    }
                    for ext, media in (("csv", "text/csv"), ("jsonld", "application/ld+json"))
                ],
            }
            json_file.write(
                '{"@context": "https://schema.org", "@graph": [\n' + json.dumps(dataset, ensure_ascii=False)
            )
            for csv_row, node in rows:
                writer.writerow(safe_row(csv_row))
                json_file.write(",\n" + json.dumps(node, ensure_ascii=False))
                count += 1
                if progress and count % 50_000 == 0:
                    progress(kind, count)
            json_file.write("\n]}\n")
        counts[kind] = count
        written += [(csv_tmp, out / f"{kind}.csv"), (json_tmp, out / f"{kind}.jsonld")]
    for tmp, final in written:
        os.replace(tmp, final)
    (out / "LICENSE.txt").write_text(
        f"Data: {settings.CRAFTCITY_DATA_LICENSE} ({license_url}). Attribute: craftcity open data.\n"
        "Images keep the license stated on each work.\n",
        encoding="utf-8",
    )
    return counts
