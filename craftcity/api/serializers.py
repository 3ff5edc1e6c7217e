"""What the API shows of each record. Personal data appears only where rules.py allows."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from craftcity.lineage.models import Dynasty, DynastyMember
from craftcity.organizations.models import Membership, Organization
from craftcity.people.models import Person, PersonName
from craftcity.places.models import Place
from craftcity.taxonomy.models import Discipline

from .fields import TranslatedJSONField


class TermSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = TranslatedJSONField(read_only=True)


class TechniqueSerializer(TermSerializer):
    pass


class DisciplineSerializer(serializers.ModelSerializer):
    name = TranslatedJSONField(read_only=True)
    description = TranslatedJSONField(read_only=True)
    field = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    techniques = TermSerializer(many=True, read_only=True)

    class Meta:
        model = Discipline
        fields = ["slug", "name", "description", "field", "aat_id", "techniques"]


class PersonNameSerializer(serializers.ModelSerializer):
    class Meta:
        model = PersonName
        fields = ["full_name", "given_name", "family_name", "patronymic", "form", "language", "is_primary"]


class MembershipSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organization_name = TranslatedJSONField(source="organization.name", read_only=True)

    class Meta:
        model = Membership
        fields = ["organization", "organization_name", "role", "start_year", "end_year"]


class PersonalDataMixin:
    """Adds the personal fields the viewer may see; the others are left out, not blanked."""

    def to_representation(self, person):
        data = super().to_representation(person)
        viewer = getattr(self.context.get("request"), "user", None)
        for field in Person.PERSONAL_FIELDS:
            value = person.personal_value(field, viewer)
            if value is not None:
                data[field] = value.isoformat() if hasattr(value, "isoformat") else value
        return data


class PersonSerializer(PersonalDataMixin, serializers.ModelSerializer):
    display_name = serializers.CharField(read_only=True)
    names = PersonNameSerializer(many=True, read_only=True)
    country = serializers.SlugRelatedField(slug_field="iso_code", read_only=True, allow_null=True)
    region = serializers.SlugRelatedField(slug_field="iso_code", read_only=True, allow_null=True)
    locality = serializers.StringRelatedField(read_only=True, allow_null=True)
    disciplines = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    techniques = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    materials = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    biography = TranslatedJSONField(read_only=True)
    memberships = MembershipSerializer(many=True, read_only=True)
    dynasties = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = [
            "id", "display_name", "names", "occupation", "gender", "birth_year", "death_year", "country", "region",
            "locality", "disciplines", "techniques", "materials", "biography", "website", "verification",
            "memberships", "dynasties",
        ]  # fmt: skip

    @extend_schema_field({"type": "array", "items": {"type": "object"}})
    def get_dynasties(self, person):
        return [
            {"slug": m.dynasty.slug, "name": dict(m.dynasty.name), "generation": m.generation}
            for m in person.dynasty_memberships.all()
        ]


class PersonWriteSerializer(serializers.Serializer):
    """Fields a PATCH may change; the service decides who may change which."""

    occupation = serializers.ChoiceField(choices=Person.Occupation.choices, required=False)
    gender = serializers.ChoiceField(choices=Person.Gender.choices, required=False)
    birth_year = serializers.IntegerField(required=False, allow_null=True, min_value=1800, max_value=2100)
    death_year = serializers.IntegerField(required=False, allow_null=True, min_value=1800, max_value=2100)
    biography = TranslatedJSONField(required=False)
    website = serializers.URLField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=40)
    is_phone_public = serializers.BooleanField(required=False)
    email = serializers.EmailField(required=False, allow_blank=True)
    is_email_public = serializers.BooleanField(required=False)
    address = serializers.CharField(required=False, allow_blank=True, max_length=300)
    is_address_public = serializers.BooleanField(required=False)
    birth_date = serializers.DateField(required=False, allow_null=True)
    is_birth_date_public = serializers.BooleanField(required=False)
    status = serializers.ChoiceField(choices=Person._meta.get_field("status").choices, required=False)
    verification = serializers.ChoiceField(choices=Person.Verification.choices, required=False)
    disciplines = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Discipline.objects.all(), required=False
    )

    default_error_messages = {"empty": _("Nothing to change.")}


class OrganizationSerializer(serializers.ModelSerializer):
    name = TranslatedJSONField(read_only=True)
    description = TranslatedJSONField(read_only=True)
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    country = serializers.SlugRelatedField(slug_field="iso_code", read_only=True, allow_null=True)
    region = serializers.SlugRelatedField(slug_field="iso_code", read_only=True, allow_null=True)
    disciplines = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Organization
        fields = [
            "slug", "kind", "name", "short_name", "parent", "country", "region", "website", "founded_year",
            "description", "disciplines", "member_count",
        ]  # fmt: skip


class OrganizationWriteSerializer(serializers.Serializer):
    name = TranslatedJSONField(required=False)
    short_name = serializers.CharField(required=False, allow_blank=True, max_length=60)
    website = serializers.URLField(required=False, allow_blank=True)
    founded_year = serializers.IntegerField(required=False, allow_null=True, min_value=1800, max_value=2100)
    description = TranslatedJSONField(required=False)


class DynastyMemberSerializer(serializers.ModelSerializer):
    person = serializers.PrimaryKeyRelatedField(read_only=True)
    display_name = serializers.CharField(source="person.display_name", read_only=True)

    class Meta:
        model = DynastyMember
        fields = ["person", "display_name", "generation"]


class DynastySerializer(serializers.ModelSerializer):
    name = TranslatedJSONField(read_only=True)
    description = TranslatedJSONField(read_only=True)
    founder = serializers.PrimaryKeyRelatedField(read_only=True)
    discipline = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    members = DynastyMemberSerializer(many=True, read_only=True)

    class Meta:
        model = Dynasty
        fields = ["slug", "name", "description", "founder", "discipline", "generation_count", "member_count", "members"]


class PlaceSerializer(serializers.ModelSerializer):
    name = TranslatedJSONField(read_only=True)
    description = TranslatedJSONField(read_only=True)
    address = serializers.SerializerMethodField()
    locality = serializers.StringRelatedField(read_only=True, allow_null=True)
    organization = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    latitude = serializers.SerializerMethodField()
    longitude = serializers.SerializerMethodField()
    is_location_exact = serializers.SerializerMethodField()

    class Meta:
        model = Place
        fields = [
            "slug", "kind", "name", "description", "address", "locality", "latitude", "longitude",
            "is_location_exact", "opening_hours", "organization", "website",
        ]  # fmt: skip

    def _viewer(self):
        return getattr(self.context.get("request"), "user", None)

    def get_address(self, place) -> str:
        return place.public_address(self._viewer())

    def get_latitude(self, place) -> float | None:
        point = place.public_coordinates(self._viewer())
        return point[0] if point else None

    def get_longitude(self, place) -> float | None:
        point = place.public_coordinates(self._viewer())
        return point[1] if point else None

    def get_is_location_exact(self, place) -> bool:
        point = place.public_coordinates(self._viewer())
        return bool(point and point[2])
