"""Public pages. The full public site (search, entity pages, maps) grows here."""

from django.shortcuts import render

from craftcity.awards.models import Award, AwardProgramme
from craftcity.geo.models import Region
from craftcity.lineage.models import Dynasty
from craftcity.organizations.models import Organization
from craftcity.people.models import Person


def home(request):
    titles = (
        Award.objects.filter(programme__kind=AwardProgramme.Kind.CITY_TITLE, locality__isnull=False)
        .select_related("programme__awarding_body", "locality")
        .order_by("-year")
    )
    counts = {
        "people": Person.objects.active().published().count(),
        "dynasties": Dynasty.objects.published().count(),
        "organizations": Organization.objects.published().count(),
        "regions": Region.objects.filter(people__isnull=False).distinct().count(),
    }
    dynasties = Dynasty.objects.published().select_related("discipline").order_by("-generation_count", "slug")[:6]
    return render(request, "public/home.html", {"titles": titles, "counts": counts, "dynasties": dynasties})
