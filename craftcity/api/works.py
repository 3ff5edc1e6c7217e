"""API for the catalogue: works, collections, exhibitions. Everyone reads what is published; curators
write anything and artisans their own works, always through craftcity.works.services."""

from __future__ import annotations

from django.db.models import Q
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from craftcity.accounts.rules import can_catalogue, can_edit_work
from craftcity.people.models import Person
from craftcity.taxonomy.models import Discipline, Material, Technique
from craftcity.works import services
from craftcity.works.models import Collection, Exhibition, Work, WorkImage, WorkMaker

from .fields import TranslatedJSONField
from .permissions import ReadOnlyOrServicePermission


class MakerSerializer(serializers.ModelSerializer):
    person = serializers.IntegerField(source="person_id")
    name = serializers.CharField(source="person.display_name")

    class Meta:
        model = WorkMaker
        fields = ["person", "name", "role"]


class ImageSerializer(serializers.ModelSerializer):
    alt = TranslatedJSONField()
    iiif = serializers.SerializerMethodField()

    class Meta:
        model = WorkImage
        fields = ["id", "alt", "width", "height", "iiif"]

    def get_iiif(self, image) -> str:
        return self.context["request"].build_absolute_uri(f"/iiif/images/{image.pk}/info.json")


class WorkSerializer(serializers.ModelSerializer):
    title = TranslatedJSONField()
    description = TranslatedJSONField()
    inscriptions = TranslatedJSONField()
    makers = MakerSerializer(source="work_makers", many=True)
    discipline = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    collection = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    techniques = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    materials = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    images = ImageSerializer(many=True)
    manifest = serializers.SerializerMethodField()

    class Meta:
        model = Work
        fields = ["id", "title", "makers", "year_from", "year_to", "discipline", "techniques", "materials",
                  "dimensions", "inscriptions", "description", "collection", "accession_number", "rights_statement",
                  "license", "status", "images", "manifest", "updated_at"]  # fmt: skip

    def get_manifest(self, work) -> str | None:
        if work.status != Work.Status.PUBLISHED:
            return None
        return self.context["request"].build_absolute_uri(f"/iiif/works/{work.pk}/manifest.json")


class WorkWriteSerializer(serializers.Serializer):
    title = TranslatedJSONField(required=False)
    description = TranslatedJSONField(required=False)
    inscriptions = TranslatedJSONField(required=False)
    makers = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), many=True, required=False)
    year_from = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    year_to = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    discipline = serializers.SlugRelatedField(
        slug_field="slug", queryset=Discipline.objects.all(), required=False, allow_null=True
    )
    techniques = serializers.SlugRelatedField(
        slug_field="slug", queryset=Technique.objects.all(), many=True, required=False
    )
    materials = serializers.SlugRelatedField(
        slug_field="slug", queryset=Material.objects.all(), many=True, required=False
    )
    dimensions = serializers.CharField(required=False, allow_blank=True)
    collection = serializers.SlugRelatedField(
        slug_field="slug", queryset=Collection.objects.all(), required=False, allow_null=True
    )
    accession_number = serializers.CharField(required=False, allow_blank=True)
    rights_statement = serializers.ChoiceField(Work.Rights.choices, required=False)
    license = serializers.ChoiceField(Work.License.choices, required=False)


class ImageUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    alt_kk = serializers.CharField(required=False, allow_blank=True)
    alt_ru = serializers.CharField(required=False, allow_blank=True)
    alt_en = serializers.CharField(required=False, allow_blank=True)


class WorkViewSet(viewsets.ModelViewSet):
    """Published works for everyone; signed-in curators and makers also see and edit their drafts."""

    serializer_class = WorkSerializer
    permission_classes = [ReadOnlyOrServicePermission]
    filterset_fields = ["status"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        qs = Work.objects.select_related("discipline", "collection").prefetch_related(
            "work_makers__person__names", "techniques", "materials", "images"
        )
        user = self.request.user
        if can_catalogue(user):
            return qs.order_by("pk")
        own = getattr(user, "person", None) if user.is_authenticated else None
        if own is not None:
            return qs.filter(Q(status=Work.Status.PUBLISHED) | Q(work_makers__person=own)).distinct().order_by("pk")
        return qs.public().order_by("pk")

    def _fields(self, data: dict) -> tuple[dict, list | None]:
        makers = data.pop("makers", None)
        return data, makers

    @extend_schema(request=WorkWriteSerializer, responses=WorkSerializer)
    def create(self, request, *args, **kwargs):
        write = WorkWriteSerializer(data=request.data)
        write.is_valid(raise_exception=True)
        data, makers = self._fields(dict(write.validated_data))
        if "title" not in data:
            raise serializers.ValidationError({"title": ["A work needs a title."]})
        work = services.work_create(actor=request.user, makers=makers or [], **data)
        return Response(self.get_serializer(self.get_queryset().get(pk=work.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=WorkWriteSerializer, responses=WorkSerializer)
    def partial_update(self, request, *args, **kwargs):
        work = self.get_object()
        if not can_edit_work(request.user, work):
            raise PermissionDenied()
        write = WorkWriteSerializer(data=request.data, partial=True)
        write.is_valid(raise_exception=True)
        data, makers = self._fields(dict(write.validated_data))
        services.work_update(actor=request.user, work=work, makers=makers, **data)
        return Response(self.get_serializer(self.get_queryset().get(pk=work.pk)).data)

    @extend_schema(request=None, responses=WorkSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        work = services.work_publish(actor=request.user, work=self.get_object())
        return Response(self.get_serializer(work).data)

    @extend_schema(request=None, responses=WorkSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        work = services.work_withdraw(actor=request.user, work=self.get_object())
        return Response(self.get_serializer(work).data)

    @extend_schema(request=ImageUploadSerializer, responses=ImageSerializer)
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser, JSONParser])
    def images(self, request, pk=None):
        work = self.get_object()
        upload = ImageUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        alt = {code: upload.validated_data.get(f"alt_{code}", "") for code in ("kk", "ru", "en")}
        image = services.work_image_add(actor=request.user, work=work, upload=upload.validated_data["file"], alt=alt)
        return Response(ImageSerializer(image, context={"request": request}).data, status=status.HTTP_201_CREATED)


class CollectionSerializer(serializers.ModelSerializer):
    name = TranslatedJSONField()
    description = TranslatedJSONField(required=False)
    owner = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Collection
        fields = ["slug", "name", "description", "owner"]


class CollectionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = CollectionSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return Collection.objects.public().select_related("owner").order_by("slug")


class ExhibitionItemSerializer(serializers.Serializer):
    work = serializers.IntegerField(source="work_id")
    caption = TranslatedJSONField()
    shown_from = serializers.DateField()
    shown_until = serializers.DateField()


class ExhibitionSerializer(serializers.ModelSerializer):
    title = TranslatedJSONField()
    description = TranslatedJSONField()
    venue = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    works = serializers.SerializerMethodField()

    class Meta:
        model = Exhibition
        fields = ["slug", "title", "description", "venue", "city", "year", "starts_on", "ends_on", "works"]

    def get_works(self, exhibition) -> list[dict]:
        items = [i for i in exhibition.items.all() if i.work.status == Work.Status.PUBLISHED]
        return ExhibitionItemSerializer(items, many=True).data


class ExhibitionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ExhibitionSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return Exhibition.objects.public().select_related("venue").prefetch_related("items__work").order_by("slug")


class CollectionWriteSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = TranslatedJSONField()
    description = TranslatedJSONField(required=False)


class CuratedCollectionViewSet(CollectionViewSet):
    """Collections; curators create them (POST) through the catalogue services."""

    permission_classes = [ReadOnlyOrServicePermission]

    @extend_schema(request=CollectionWriteSerializer, responses=CollectionSerializer)
    def create(self, request, *args, **kwargs):
        write = CollectionWriteSerializer(data=request.data)
        write.is_valid(raise_exception=True)
        collection = services.collection_create(actor=request.user, **write.validated_data)
        return Response(self.get_serializer(collection).data, status=status.HTTP_201_CREATED)


class ExhibitionItemWriteSerializer(serializers.Serializer):
    work = serializers.PrimaryKeyRelatedField(queryset=Work.objects.all())
    caption = TranslatedJSONField(required=False)
    shown_from = serializers.DateField(required=False, allow_null=True)
    shown_until = serializers.DateField(required=False, allow_null=True)


class ExhibitionWriteSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = TranslatedJSONField()
    description = TranslatedJSONField(required=False)
    city = serializers.CharField(required=False, allow_blank=True)
    year = serializers.IntegerField(required=False, allow_null=True)
    starts_on = serializers.DateField(required=False, allow_null=True)
    ends_on = serializers.DateField(required=False, allow_null=True)
    items = ExhibitionItemWriteSerializer(many=True, required=False)


class CuratedExhibitionViewSet(ExhibitionViewSet):
    """Exhibitions; curators create them with their works and captions (POST)."""

    permission_classes = [ReadOnlyOrServicePermission]

    @extend_schema(request=ExhibitionWriteSerializer, responses=ExhibitionSerializer)
    def create(self, request, *args, **kwargs):
        write = ExhibitionWriteSerializer(data=request.data)
        write.is_valid(raise_exception=True)
        exhibition = services.exhibition_create(actor=request.user, **write.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=exhibition.pk)).data, status=201)
