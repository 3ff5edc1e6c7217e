"""Read endpoints for the registry; writes go through the same services the back office uses."""

from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from craftcity.accounts.rules import can_edit_organization, can_edit_person
from craftcity.lineage.models import Dynasty, DynastyMember
from craftcity.organizations.models import Membership, Organization
from craftcity.organizations.services import organization_update
from craftcity.people.models import Person, public_person
from craftcity.people.services import person_update
from craftcity.places.models import Place
from craftcity.search.models import SearchEntry
from craftcity.search.services import search
from craftcity.taxonomy.models import Discipline

from . import serializers


class PersonViewSet(mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """People of the creative community. Personal data only where the person consented."""

    serializer_class = serializers.PersonSerializer
    filterset_fields = {"occupation": ["exact"], "birth_year": ["exact", "gte", "lte"]}
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        qs = Person.objects.visible_to(self.request.user).select_related("country", "region", "locality")
        qs = qs.prefetch_related(
            "names",
            "disciplines",
            "techniques",
            "materials",
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(organization__status="published").select_related("organization"),
            ),
            Prefetch(
                "dynasty_memberships",
                queryset=DynastyMember.objects.filter(dynasty__status="published").select_related("dynasty"),
            ),
        )
        params = self.request.query_params
        if params.get("discipline"):
            qs = qs.filter(disciplines__slug=params["discipline"])
        if params.get("region"):
            qs = qs.filter(region__iso_code=params["region"])
        if params.get("country"):
            qs = qs.filter(country__iso_code=params["country"].upper())
        return qs.order_by("id")

    @extend_schema(request=serializers.PersonWriteSerializer, responses=serializers.PersonSerializer)
    def partial_update(self, request, *args, **kwargs):
        person = self.get_object()
        if not can_edit_person(request.user, person):
            raise PermissionDenied()
        write = serializers.PersonWriteSerializer(data=request.data, partial=True)
        write.is_valid(raise_exception=True)
        person_update(actor=request.user, person=person, **write.validated_data)
        person = self.get_queryset().get(pk=person.pk)
        return Response(self.get_serializer(person).data)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)


class OrganizationViewSet(mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.OrganizationSerializer
    lookup_field = "slug"
    filterset_fields = ["kind"]
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        qs = Organization.objects.public().select_related("parent", "country", "region")
        qs = qs.prefetch_related("disciplines").annotate(
            member_count=Count("memberships__person", filter=public_person("memberships__person__"), distinct=True)
        )
        return qs.order_by("slug")

    @extend_schema(request=serializers.OrganizationWriteSerializer, responses=serializers.OrganizationSerializer)
    def partial_update(self, request, *args, **kwargs):
        organization = self.get_object()
        if not can_edit_organization(request.user, organization):
            raise PermissionDenied()
        write = serializers.OrganizationWriteSerializer(data=request.data, partial=True)
        write.is_valid(raise_exception=True)
        organization_update(actor=request.user, organization=organization, **write.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=organization.pk)).data)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)


class DisciplineViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.DisciplineSerializer
    lookup_field = "slug"
    queryset = Discipline.objects.select_related("field").prefetch_related("techniques").order_by("position", "slug")


class DynastyViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.DynastySerializer
    lookup_field = "slug"

    def get_queryset(self):
        members = DynastyMember.objects.filter(public_person("person__"))
        members = members.select_related("person").prefetch_related("person__names")
        return (
            Dynasty.objects.public()
            .select_related("discipline")
            .prefetch_related(Prefetch("members", queryset=members))
            .order_by("slug")
        )


class PlaceViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.PlaceSerializer
    lookup_field = "slug"
    filterset_fields = ["kind"]

    def get_queryset(self):
        return Place.objects.public().select_related("locality", "organization").order_by("slug")


class SearchView(APIView):
    """Search people, organizations, dynasties, crafts and places in any script; typed results with public URLs."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, required=True, description="What to look for, in any script."),
            OpenApiParameter("type", str, required=False, enum=list(SearchEntry.Kind.values)),
            OpenApiParameter("limit", int, required=False),
        ],
        responses={200: {"type": "object"}},
    )
    def get(self, request):
        query = request.query_params.get("q", "").strip()
        kind = request.query_params.get("type")
        if not query:
            raise ValidationError({"q": [_("Say what to look for.")]})
        if kind and kind not in SearchEntry.Kind.values:
            raise ValidationError({"type": [_("Unknown type: %(type)s.") % {"type": kind}]})
        try:
            limit = max(1, min(int(request.query_params.get("limit", 20)), 100))
        except ValueError:
            raise ValidationError({"limit": [_("A whole number is expected.")]}) from None
        hits = search(query, kinds=[kind] if kind else None, limit=limit)
        results = [dict(hit.as_dict(), url=request.build_absolute_uri(hit.url)) for hit in hits]
        return Response({"query": query, "count": len(results), "results": results})
