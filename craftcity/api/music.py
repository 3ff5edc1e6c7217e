"""API for the music catalogue: repertoire, ensembles and recordings, read-only and public only (writes go
through craftcity.music.services from the back office). People appear by public name and id only."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from craftcity.music import selectors
from craftcity.music.models import EnsembleMember, MusicalWork, MusicalWorkCredit, Recording, Transmission
from craftcity.organizations.models import Organization
from craftcity.people.models import Person, public_person

from .fields import TranslatedJSONField


class PersonRefSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="display_name")

    class Meta:
        model = Person
        fields = ["id", "name"]


class CreditSerializer(serializers.ModelSerializer):
    person = PersonRefSerializer(allow_null=True)
    note = TranslatedJSONField()

    class Meta:
        model = MusicalWorkCredit
        fields = ["person", "role", "note"]


class TransmissionSerializer(serializers.ModelSerializer):
    teacher = PersonRefSerializer()
    student = PersonRefSerializer()
    is_apprenticeship = serializers.SerializerMethodField()

    class Meta:
        model = Transmission
        fields = ["teacher", "student", "year", "is_apprenticeship"]

    def get_is_apprenticeship(self, transmission) -> bool:
        return transmission.relation_id is not None


def _absolute(serializer, path: str) -> str:
    return serializer.context["request"].build_absolute_uri(path)


class MusicalWorkSerializer(serializers.ModelSerializer):
    title = TranslatedJSONField()
    period = TranslatedJSONField()
    description = TranslatedJSONField()
    community_protocol = TranslatedJSONField()
    credits = CreditSerializer(many=True)
    passed_on = TransmissionSerializer(source="transmissions", many=True)
    genre = serializers.SlugRelatedField(source="discipline", slug_field="slug", read_only=True, allow_null=True)
    tradition = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    instruments = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    recordings = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = MusicalWork
        fields = ["id", "kind", "title", "original_title", "credits", "year_from", "year_to", "period", "genre",
                  "tradition", "instruments", "lyrics_language", "rights", "community_protocol", "iswc",
                  "description", "passed_on", "recordings", "url", "updated_at"]  # fmt: skip

    def get_recordings(self, work) -> list[int]:
        return [recording.pk for recording in work.public_recordings]

    def get_url(self, work) -> str:
        return _absolute(self, f"/en/music/works/{work.pk}/")


class RepertoireViewSet(viewsets.ReadOnlyModelViewSet):
    """Published repertoire: kui, songs, epics, operas, orchestral works and popular songs."""

    serializer_class = MusicalWorkSerializer
    filterset_fields = ["kind"]

    def get_queryset(self):
        return selectors.repertoire_list().prefetch_related(
            "instruments",
            Prefetch(
                "transmissions",
                queryset=Transmission.objects.filter(public_person("teacher__"), public_person("student__"))
                .select_related("teacher", "student")
                .prefetch_related("teacher__names", "student__names"),
            ),
            Prefetch(
                "recordings",
                queryset=selectors.public_recordings().prefetch_related(None).select_related(None),
                to_attr="public_recordings",
            ),
        )


class MemberSerializer(serializers.ModelSerializer):
    person = PersonRefSerializer()
    instrument = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = EnsembleMember
        fields = ["person", "instrument", "role", "start_year", "end_year"]


class EnsembleSerializer(serializers.ModelSerializer):
    name = TranslatedJSONField()
    description = TranslatedJSONField()
    members = MemberSerializer(source="ensemble_members", many=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Organization
        fields = ["slug", "name", "description", "founded_year", "members", "url"]

    def get_url(self, ensemble) -> str:
        return _absolute(self, f"/en/music/ensembles/{ensemble.slug}/")


class EnsembleViewSet(viewsets.ReadOnlyModelViewSet):
    """Published ensembles and orchestras with their members over time."""

    serializer_class = EnsembleSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.ensembles().prefetch_related(
            Prefetch(
                "ensemble_members",
                queryset=EnsembleMember.objects.filter(public_person("person__"))
                .select_related("person", "instrument")
                .prefetch_related("person__names"),
            )
        )


class CaptionRefSerializer(serializers.Serializer):
    language = serializers.CharField()
    kind = serializers.CharField()
    url = serializers.CharField(allow_null=True)


class RecordingSerializer(serializers.ModelSerializer):
    title = TranslatedJSONField(source="display_title")
    description = TranslatedJSONField()
    work = serializers.IntegerField(source="work_id")
    performers = PersonRefSerializer(many=True)
    ensemble = serializers.SerializerMethodField()
    place = serializers.SerializerMethodField()
    media_url = serializers.SerializerMethodField()
    manifest = serializers.SerializerMethodField()
    captions = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Recording
        fields = ["id", "title", "work", "media", "mime_type", "duration", "recorded_on", "place", "performers",
                  "ensemble", "media_url", "external_url", "rights_statement", "license", "credit_line",
                  "description", "captions", "manifest", "url", "updated_at"]  # fmt: skip

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_ensemble(self, recording) -> str | None:
        ensemble = recording.ensemble
        return ensemble.slug if ensemble is not None and ensemble.is_published else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_place(self, recording) -> str | None:
        place = recording.place
        # A home workshop is never named: its slug would lead to where someone lives.
        if place is None or place.person_id is not None or place.status != "published":
            return None
        return place.slug

    def get_media_url(self, recording) -> str | None:
        return _absolute(self, f"/iiif/recordings/{recording.pk}/media") if recording.file else None

    def get_manifest(self, recording) -> str:
        return _absolute(self, f"/iiif/recordings/{recording.pk}/manifest.json")

    @extend_schema_field(CaptionRefSerializer(many=True))
    def get_captions(self, recording) -> list[dict]:
        return [
            {
                "language": caption.language,
                "kind": caption.kind,
                "url": _absolute(self, f"/iiif/recordings/{recording.pk}/captions/{caption.language}.vtt")
                if caption.kind == caption.Kind.CAPTIONS
                else None,
            }
            for caption in recording.captions.all()
        ]

    def get_url(self, recording) -> str:
        return _absolute(self, f"/en/music/recordings/{recording.pk}/")


class RecordingViewSet(viewsets.ReadOnlyModelViewSet):
    """Published recordings of published works: audio or video files, or links to a platform."""

    serializer_class = RecordingSerializer
    filterset_fields = ["media", "work"]

    def get_queryset(self):
        return selectors.recording_list().prefetch_related("captions").order_by("pk")
