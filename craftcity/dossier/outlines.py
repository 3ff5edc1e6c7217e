"""The dossiers craftcity writes: which designation each serves and which indicators it shows, in order."""

from __future__ import annotations

from dataclasses import dataclass

from .indicators import T


@dataclass(frozen=True)
class Outline:
    code: str
    title: dict[str, str]
    subtitle: dict[str, str]
    indicators: tuple[str, ...]


OUTLINES: dict[str, Outline] = {
    "wcc": Outline(
        "wcc",
        T("Дүниежүзілік қолөнер қаласы: есеп", "Всемирный город ремёсел: отчёт", "World Craft City: report"),
        T(
            "Дүниежүзілік қолөнер кеңесіне тағайындалғаннан кейінгі 2 және 4 жылдағы есеп",
            "Отчёт Всемирному совету ремёсел через 2 и 4 года после присвоения статуса",
            "Report to the World Crafts Council 2 and 4 years after designation",
        ),
        (
            "practitioners",
            "masters_apprentices",
            "dynasties",
            "viability",
            "organizations",
            "places",
            "awards",
            "titles",
            "funding",
            "partner_cooperation",
        ),
    ),
    "uccn": Outline(
        "uccn",
        T(
            "ЮНЕСКО шығармашыл қалалар желісі: мүшелік мониторингі туралы есеп",
            "Сеть творческих городов ЮНЕСКО: отчёт о мониторинге членства",
            "UNESCO Creative Cities Network: membership monitoring report",
        ),
        T(
            "Әр 4 жыл сайын ұсынылатын есеп",
            "Отчёт, представляемый каждые 4 года",
            "Report due every 4 years after designation",
        ),
        (
            "practitioners",
            "organizations",
            "places",
            "partner_cooperation",
            "awards",
            "funding",
            "masters_apprentices",
            "dynasties",
            "viability",
            "music_events",
            "music_international",
            "music_young_grants",
        ),
    ),
}
