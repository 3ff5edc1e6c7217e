"""Read endpoints for the registry; writes go through the same services the back office uses."""

from django.db.models import Count, Prefetch, Q
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from craftcity.accounts.rules import can_edit_organization, can_edit_person
from craftcity.lineage.models import Dynasty, DynastyMember
from craftcity.organizations.models import Membership, Organization
from craftcity.organizations.services import organization_update
from craftcity.people.models import Person
from craftcity.people.services import person_update
from craftcity.places.models import Place
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
            Prefetch("memberships", queryset=Membership.objects.select_related("organization")),
            Prefetch("dynasty_memberships", queryset=DynastyMember.objects.select_related("dynasty")),
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
        qs = Organization.objects.published().select_related("parent", "country", "region")
        qs = qs.prefetch_related("disciplines").annotate(
            member_count=Count("memberships__person", filter=Q(memberships__person__status="published"), distinct=True)
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
        members = DynastyMember.objects.filter(person__status="published", person__merged_into__isnull=True)
        members = members.select_related("person").prefetch_related("person__names")
        return (
            Dynasty.objects.published()
            .select_related("discipline")
            .prefetch_related(Prefetch("members", queryset=members))
            .order_by("slug")
        )


class PlaceViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.PlaceSerializer
    lookup_field = "slug"
    filterset_fields = ["kind"]

    def get_queryset(self):
        return Place.objects.published().select_related("locality", "organization").order_by("slug")
