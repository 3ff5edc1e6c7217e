"""sitemap.xml: every public page in every language, with hreflang alternates. Only published records."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from craftcity.events.models import Event
from craftcity.geo.models import Region
from craftcity.lineage.models import Dynasty
from craftcity.music import selectors as music_selectors
from craftcity.music.models import MusicalWork
from craftcity.organizations.models import Organization
from craftcity.people.models import Person
from craftcity.places.models import Place
from craftcity.taxonomy.models import Discipline
from craftcity.tours.models import Tour
from craftcity.works.models import Collection, Exhibition, Work


class _Base(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = 5000


class PersonSitemap(_Base):
    changefreq = "monthly"

    def items(self):
        return Person.objects.public().only("pk", "updated_at").order_by("pk")

    def location(self, item):
        return reverse("public:person", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


class OrganizationSitemap(_Base):
    def items(self):
        return Organization.objects.public().only("slug", "updated_at").order_by("slug")

    def location(self, item):
        return reverse("public:organization", args=[item.slug])

    def lastmod(self, item):
        return item.updated_at


class DynastySitemap(_Base):
    def items(self):
        return Dynasty.objects.public().only("slug", "updated_at").order_by("slug")

    def location(self, item):
        return reverse("public:dynasty", args=[item.slug])


class PlaceSitemap(_Base):
    def items(self):
        return Place.objects.public().only("slug").order_by("slug")

    def location(self, item):
        return reverse("public:place", args=[item.slug])


class DisciplineSitemap(_Base):
    def items(self):
        return Discipline.objects.only("slug").order_by("slug")

    def location(self, item):
        return reverse("public:discipline", args=[item.slug])


class WorkSitemap(_Base):
    def items(self):
        return Work.objects.public().only("pk", "updated_at").order_by("pk")

    def location(self, item):
        return reverse("public:work", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


class ExhibitionSitemap(_Base):
    def items(self):
        return Exhibition.objects.public().only("slug").order_by("slug")

    def location(self, item):
        return reverse("public:exhibition", args=[item.slug])


class CollectionSitemap(_Base):
    def items(self):
        return Collection.objects.public().only("slug").order_by("slug")

    def location(self, item):
        return reverse("public:collection", args=[item.slug])


class EventSitemap(_Base):
    """Every published event, past ones too: their pages stay (results, the record of a festival)."""

    changefreq = "weekly"

    def items(self):
        return Event.objects.public().only("slug", "updated_at").order_by("slug")

    def location(self, item):
        return reverse("public:event", args=[item.slug])

    def lastmod(self, item):
        return item.updated_at


class TourSitemap(_Base):
    def items(self):
        return Tour.objects.public().only("slug").order_by("slug")

    def location(self, item):
        return reverse("public:tour", args=[item.slug])


class MusicalWorkSitemap(_Base):
    def items(self):
        return MusicalWork.objects.public().only("pk", "updated_at").order_by("pk")

    def location(self, item):
        return reverse("public:musical-work", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


class RecordingSitemap(_Base):
    def items(self):
        recordings = music_selectors.recording_list().select_related(None).prefetch_related(None)
        return recordings.only("pk", "updated_at").order_by("pk")

    def location(self, item):
        return reverse("public:recording", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


class EnsembleSitemap(_Base):
    def items(self):
        return music_selectors.ensembles().only("slug")

    def location(self, item):
        return reverse("public:ensemble", args=[item.slug])


class RegionSitemap(_Base):
    """The regions whose pages list someone: a region with no public practitioner has an empty page."""

    def items(self):
        return Region.objects.filter(pk__in=Person.objects.public().values("region")).order_by("iso_code")

    def location(self, item):
        return reverse("public:region", args=[item.iso_code])


class PageSitemap(_Base):
    changefreq = "weekly"

    def items(self):
        return [
            "public:home",
            "public:people",
            "public:dynasties",
            "public:organizations",
            "public:places",
            "public:map",
            "public:works",
            "public:collections",
            "public:exhibitions",
            "public:events",
            "public:tours",
            "public:planner",
            "public:open-data",
            "public:repertoire",
            "public:recordings",
            "public:ensembles",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    "people": PersonSitemap,
    "organizations": OrganizationSitemap,
    "dynasties": DynastySitemap,
    "places": PlaceSitemap,
    "crafts": DisciplineSitemap,
    "works": WorkSitemap,
    "exhibitions": ExhibitionSitemap,
    "collections": CollectionSitemap,
    "events": EventSitemap,
    "tours": TourSitemap,
    "regions": RegionSitemap,
    "repertoire": MusicalWorkSitemap,
    "recordings": RecordingSitemap,
    "ensembles": EnsembleSitemap,
}
