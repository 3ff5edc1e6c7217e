"""The dossier's "partner cities": the network as the hub knows it. The only indicator that reads harvested
figures; every other indicator counts the local registry alone."""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext_lazy as _

from craftcity.dossier.indicators import Indicator, Result, T, register, table

from .models import PartnerCity

FIGURES = {"people": _("people"), "organizations": _("organizations"), "works": _("works"), "events": _("events")}


def partner_cities(snap) -> Result:
    """Partner cities added by the date, by country, and the figures they publish (as their descriptions say)."""
    cities = list(PartnerCity.objects.filter(created_at__lte=snap.at).order_by("slug"))
    by_country = Counter(city.country or None for city in cities)
    figures = Counter()
    for city in cities:
        for key, value in (city.figures or {}).items():
            if key in FIGURES:
                figures[key] += value
    return Result(
        total=len(cities),
        tables=[
            table("country", by_country, {code: code for code in by_country if code}, _("cities")),
            table("measure", figures, FIGURES, _("in partner cities")),
        ],
    )


register(
    Indicator(
        "partner_cities",
        T("Серіктес қалалар", "Города-партнёры", "Partner cities"),
        T(
            "Желідегі серіктес қалалар, ел бойынша, және олар жариялаған шеберлер, ұйымдар, туындылар мен "
            "іс-шаралар саны (жергілікті тізілімге қосылмайды).",
            "Города-партнёры сети по странам и число мастеров, организаций, работ и событий, которые они "
            "публикуют (в местный реестр не входят).",
            "Partner cities of the network, by country, and how many people, organizations, works and events "
            "they publish (never added to the local registry's counts).",
        ),
        ("country", "measure"),
        partner_cities,
        section="registry",
    )
)
