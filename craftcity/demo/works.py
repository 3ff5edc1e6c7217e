"""Works and exhibitions named in the seed articles (real, published), and a small demo collection (is_demo).

Facts come only from the articles (seed.WORKS and seed.EVENTS); accession numbers, years and dimensions
are not given there and are left empty. The demo collection and its two works are synthetic."""

from __future__ import annotations

from craftcity.places.models import Place
from craftcity.taxonomy.models import Discipline
from craftcity.works import services
from craftcity.works.models import Collection, Exhibition, Work

from . import seed
from .illustrations import ALTS, ILLUSTRATION_ALT, dombra, felt_carpet, kobyz, patchwork, upload
from .seed_loader import find_seed_person
from .upsert import bump


def _t(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


def _seed_work(row: dict, stats: dict) -> Work | None:
    if Work.objects.filter(source=row["source"], title__en=row["title"]["en"]).exists():
        return Work.objects.filter(source=row["source"], title__en=row["title"]["en"]).first()
    makers = [p for p in (find_seed_person(key) for key in row["makers"]) if p is not None]
    work = services.work_create(
        title=row["title"],
        makers=makers,
        discipline=Discipline.objects.filter(slug=row["discipline"]).first(),
        description={"en": row["description"]},
        source=row["source"],
        rights_statement=Work.Rights.IN_COPYRIGHT,
    )
    services.work_publish(work=work)
    bump(stats, "works.work.created")
    return work


def load_works(*, stats: dict) -> None:
    works = {row["title"]["en"]: _seed_work(row, stats) for row in seed.WORKS}
    sheber = next(e for e in seed.EVENTS if e["name"] == "Sheber competition finalists' exhibition")
    if not Exhibition.objects.filter(slug="sheber-finalists-kasteyev").exists():
        services.exhibition_create(
            slug="sheber-finalists-kasteyev",
            title=_t(
                "«Шебер» байқауы финалистерінің көрмесі",
                "Выставка финалистов конкурса «Шебер»",
                "Sheber competition finalists' exhibition",
            ),
            description={"en": sheber["facts"]},
            venue=Place.objects.filter(slug=sheber["place"]).first(),
            city="Almaty",
            source=sheber["source"],
            items=[
                {"work": works["Orteke"], "caption": {"en": "Dulat Ashimov, ring “Orteke”."}},
                {"work": works["Kurak korpe"], "caption": {"en": "Aigul Turalieva, kurak korpe."}},
            ],
        )
        bump(stats, "works.exhibition.created")
    tengri = next(e for e in seed.EVENTS if e["name"] == "Soul of Tengri")
    if not Exhibition.objects.filter(slug="soul-of-tengri-2019").exists():
        # The article names the exhibition and Rafikov's part in it, not which works were shown: none listed.
        services.exhibition_create(
            slug="soul-of-tengri-2019",
            title=_t("«Тәңір рухы»", "«Дух Тенгри»", "Soul of Tengri"),
            description={"en": tengri["facts"]},
            city=tengri["city"],
            year=tengri["year"],
            source=tengri["source"],
        )
        bump(stats, "works.exhibition.created")
    _load_demo_collection(stats)


def _load_demo_collection(stats: dict) -> None:
    if Collection.objects.filter(slug="demo-museum-collection").exists():
        return
    collection = services.collection_create(
        slug="demo-museum-collection",
        name=_t("Демо-жинақ", "Демо-коллекция", "Demo collection"),
        description=_t(
            "Каталогты көрсетуге арналған ойдан шығарылған жазбалар.",
            "Вымышленные записи, чтобы показать каталог.",
            "Synthetic records that show how the catalogue works.",
        ),
        is_demo=True,
    )
    felt = Discipline.objects.filter(slug="felt").first()
    instruments = Discipline.objects.filter(slug="instrument-making").first()
    kurak = Discipline.objects.filter(slug="kurak-korpe").first()
    # Every demo work has a picture (drawn, not photographed, and flagged so) to show the image service and viewer.
    for number, title, year, discipline, drawing, alt in (
        ("DEMO-0001", _t("Сырмақ (демо)", "Сырмак (демо)", "Syrmak felt carpet (demo)"), 1968, felt, felt_carpet,
         ILLUSTRATION_ALT),
        ("DEMO-0002", _t("Тұскиіз (демо)", "Тускииз (демо)", "Tuskiiz wall hanging (demo)"), 1975, felt, None, None),
        ("DEMO-0003", _t("Құрақ көрпе (демо)", "Курак корпе (демо)", "Kurak korpe quilt (demo)"), 1982, kurak or felt,
         patchwork, ALTS["patchwork"]),
        ("DEMO-0004", _t("Домбыра (демо)", "Домбра (демо)", "Dombra (demo)"), 1990, instruments, dombra,
         ALTS["dombra"]),
        ("DEMO-0005", _t("Қылқобыз (демо)", "Кыл-кобыз (демо)", "Kyl-kobyz (demo)"), 1979, instruments, kobyz,
         ALTS["kobyz"]),
    ):  # fmt: skip
        work = services.work_create(
            title=title,
            collection=collection,
            accession_number=number,
            year_from=year,
            discipline=discipline,
            license=Work.License.CC_BY,
            provenance=[{"kind": "made", "year_from": year}, {"kind": "acquired", "year_from": 2020, "party": "demo"}],
            is_demo=True,
        )
        if drawing is not None:  # DEMO-0002 stays without one: the catalogue's ornament for a work not photographed
            services.work_image_add(work=work, upload=upload(drawing, 1, f"{number.lower()}.jpg"), alt=alt,
                                    is_illustration=True)  # fmt: skip
        services.work_publish(work=work)
        bump(stats, "works.work.created")
