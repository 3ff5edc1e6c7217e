"""Events, applications and results over the API; writes go through craftcity.events.services."""

from __future__ import annotations

from django.db.models import Q
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from craftcity.events import services
from craftcity.events.models import Application, Call, Category, Event
from craftcity.events.rules import can_manage_event, managed_event_ids, own_person
from craftcity.events.selectors import calendar_events, competition_results, juror_worklist

from .fields import TranslatedJSONField


class EventSerializer(serializers.ModelSerializer):
    name = TranslatedJSONField()
    description = TranslatedJSONField()
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    place = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    organisers = serializers.SerializerMethodField()
    supporters = serializers.SerializerMethodField()
    call = serializers.SerializerMethodField()
    series = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    schedule_note = TranslatedJSONField()

    class Meta:
        model = Event
        fields = [
            "id", "slug", "kind", "name", "description", "parent", "starts_at", "ends_at", "is_all_day",
            "place", "city", "is_international", "schedule", "schedule_note", "attendance", "admission",
            "tickets_url", "organisers", "supporters", "call", "series", "weather", "attendees",
        ]  # fmt: skip

    def _orgs(self, event, roles):
        return [link.organization.slug for link in event.organizations.all() if link.role in roles]

    def get_organisers(self, event) -> list[str]:
        return self._orgs(event, ("organiser",))

    def get_supporters(self, event) -> list[str]:
        return self._orgs(event, ("supporter", "partner"))

    def get_call(self, event) -> dict | None:
        call = getattr(event, "call", None)
        if call is None:
            return None
        return {
            "id": call.pk,
            "opens_at": call.opens_at,
            "closes_at": call.closes_at,
            "capacity": call.capacity,
            "has_waiting_list": call.has_waiting_list,
            "questions": call.questions,
        }


class EventViewSet(viewsets.ReadOnlyModelViewSet):
    """Published events; filter with ?kind=, ?place=, ?from=YYYY-MM-DD, ?to=, ?past=1."""

    serializer_class = EventSerializer
    lookup_field = "slug"

    def get_queryset(self):
        from craftcity.public.events import _filters

        qs = calendar_events(**_filters(self.request)) if self.action == "list" else Event.objects.public()
        return qs.select_related("place", "parent", "call", "series").prefetch_related("organizations__organization")

    @extend_schema(responses={200: dict})
    @action(detail=True)
    def aitys(self, request, slug=None):
        """An aitys's bracket: rounds, duels with seeds, winners and why, and the audience's count kept apart.
        Akyns without a public profile are named by seed only, as on the bracket page."""
        from craftcity.aitys.models import Aitys
        from craftcity.aitys.selectors import bracket

        event = self.get_object()
        aitys = Aitys.objects.filter(competition__event=event).first()
        if aitys is None:
            raise NotFound()

        def side(akyn, votes):
            if akyn is None:
                return None
            return {"application": akyn.application_id, "seed": akyn.seed, "name": akyn.name,
                    "person": akyn.person_id, "audience_votes": votes.get(akyn.application_id, 0)}  # fmt: skip

        rounds = [
            {
                "number": row.round.number,
                "status": row.round.status,
                "duels": [
                    {"position": d.position, "first": side(d.first, d.votes), "second": side(d.second, d.votes),
                     "winner": d.winner_id, "decided_by": d.decided_by}
                    for d in row.duels
                ],
            }
            for row in bracket(aitys)
        ]  # fmt: skip
        return Response(
            {"status": aitys.status, "has_audience_vote": aitys.has_audience_vote, "champion": aitys.champion_id,
             "rounds": rounds}
        )  # fmt: skip

    @extend_schema(responses={200: dict})
    @action(detail=True)
    def results(self, request, slug=None):
        """Published finalists and winners, with normalized scores when the organiser asks."""
        event = self.get_object()
        competition = getattr(event, "competition", None)
        if competition is None:
            raise NotFound()
        manager = can_manage_event(request.user, event)
        if not competition.results_published_at and not manager:
            return Response({"published": False, "entries": []})
        entries = Application.objects.filter(call__event=event).select_related("person", "category")
        by_pk = {entry.pk: entry for entry in entries}
        rows = []
        for ranked in competition_results(competition):
            entry = by_pk.get(ranked.entry)
            if entry is None or (not manager and entry.stage not in ("finalist", "winner")):
                continue
            rows.append({
                "rank": ranked.rank, "application": entry.pk, "person": entry.person_id,
                "name": entry.person.display_name, "stage": entry.stage,
                "category": entry.category.slug if entry.category else None,
                "mean_z": round(ranked.mean_z, 4), "median_z": round(ranked.median_z, 4),
                "mean_raw": round(ranked.mean_raw, 2), "jurors": ranked.jurors,
                "tied_with": ranked.tied_with, "decided_by": ranked.decided_by,
            })  # fmt: skip
        return Response({"published": bool(competition.results_published_at), "entries": rows})

    @extend_schema(responses={200: dict})
    @action(detail=True, permission_classes=[IsAuthenticated])
    def jury(self, request, slug=None):
        """The signed-in juror's worklist: rubric, entries (names hidden when judging is blind), each entry's
        conflicts of interest (scoring those is refused) and the juror's own scores so far."""
        event = self.get_object()
        competition = getattr(event, "competition", None)
        if competition is None:
            raise NotFound()
        juror = services.juror_for(request.user, competition)
        return Response({
            "blind": competition.is_blind,
            "criteria": [
                {"id": c.pk, "name": dict(c.name), "weight": str(c.weight), "min": c.min_score, "max": c.max_score}
                for c in competition.criteria.all()
            ],
            "entries": [
                {
                    "application": line.application.pk,
                    "name": line.name,
                    "category": line.application.category.slug if line.application.category else None,
                    "answers": line.application.answers,
                    "conflicts": line.conflicts,
                    "scores": {str(criterion): str(value) for criterion, value in line.scores.items()},
                }
                for line in juror_worklist(juror)
            ],
        })  # fmt: skip

    @extend_schema(request=None, responses={201: dict})
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated], url_path="jury/declare")
    def declare(self, request, slug=None):
        """A juror declares a conflict: {"application": id, "reason": "…"}; their scores for it are withdrawn."""
        event = self.get_object()
        application = get_object_or_404(Application, pk=request.data.get("application"), call__event=event)
        declaration = services.conflict_declare(
            user=request.user, application=application, reason=str(request.data.get("reason", ""))
        )
        return Response({"application": application.pk, "reason": declaration.reason}, status=status.HTTP_201_CREATED)


class ApplicationSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(source="call.event", slug_field="slug", read_only=True)
    call = serializers.PrimaryKeyRelatedField(queryset=Call.objects.filter(event__status="published"))
    category = serializers.SlugRelatedField(
        slug_field="slug", queryset=Category.objects.all(), required=False, allow_null=True
    )
    answers = serializers.JSONField(required=False)
    # Blind judging hides who applied: a juror reads `null`.
    person = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    position = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "id", "event", "call", "person", "status", "stage", "category", "answers", "language",
            "offer_expires_at", "checked_in_at", "created_at", "position",
        ]  # fmt: skip
        read_only_fields = ["person", "status", "stage", "language", "offer_expires_at", "checked_in_at", "created_at"]

    def get_position(self, application) -> int | None:
        return services.waiting_position(application)

    def to_representation(self, application):
        data = super().to_representation(application)
        # Blind judging: a juror sees the entry and its answers, never who made it.
        user = self.context["request"].user if "request" in self.context else None
        competition = getattr(application.call.event, "competition", None)
        person = own_person(user)
        is_own = person is not None and person.pk == application.person_id
        if competition is not None and competition.is_blind and not is_own and not self._runs(application):
            data["person"] = None
        return data

    def _runs(self, application) -> bool:
        """Whether the reader organises this entry's event (worked out once per response, not per row)."""
        if "managed_event_ids" not in self.context:
            request = self.context.get("request")
            self.context["managed_event_ids"] = managed_event_ids(request.user if request else None)
        ids = self.context["managed_event_ids"]
        return ids is None or application.call.event_id in ids


class ScoresSerializer(serializers.Serializer):
    scores = serializers.DictField(child=serializers.CharField(), help_text="criterion id → score")


class ApplicationViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Your own applications, the entries you judge, and, for organisers, the applications to the events their
    organizations run (registrars: every event). Apply with POST {call, answers}."""

    serializer_class = ApplicationSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        qs = Application.objects.select_related("call__event", "person", "category")
        user = self.request.user
        managed = managed_event_ids(user)
        if managed is None:
            rows = qs
        else:
            person = own_person(user)
            jury = Q(call__event__competition__jurors__person=person) & Q(status="confirmed") if person else Q(pk=None)
            mine = Q(person=person) | jury if person else Q(pk=None)
            rows = qs.filter(mine | Q(call__event_id__in=managed))
        for key in ("status", "stage"):
            if self.request.query_params.get(key):
                rows = rows.filter(**{key: self.request.query_params[key]})
        if self.request.query_params.get("event"):
            rows = rows.filter(call__event__slug=self.request.query_params["event"])
        return rows.distinct().order_by("created_at", "pk")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        application = services.application_submit(
            user=request.user,
            call=serializer.validated_data["call"],
            answers=serializer.validated_data.get("answers") or {},
            category=serializer.validated_data.get("category"),
        )
        return Response(self.get_serializer(application).data, status=status.HTTP_201_CREATED)

    def _target(self, pk):
        # Looked up among all applications so a forged id gets 403 (not yours), never someone else's data.
        return get_object_or_404(Application.objects.select_related("call__event", "person"), pk=pk)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        application = services.application_cancel(user=request.user, application=self._target(pk))
        return Response(self.get_serializer(application).data)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        application = services.offer_accept(user=request.user, application=self._target(pk))
        return Response(self.get_serializer(application).data)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request, pk=None):
        application = services.application_check_in(user=request.user, application=self._target(pk))
        return Response(self.get_serializer(application).data)

    @extend_schema(
        request=ScoresSerializer,
        responses={201: {"type": "object", "properties": {"saved": {"type": "integer"}}, "required": ["saved"]}},
    )
    @action(detail=True, methods=["post"])
    def scores(self, request, pk=None):
        """A juror scores an entry: {"scores": {criterion id: value}} for every criterion of the rubric."""
        body = ScoresSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        saved = services.scores_submit(
            user=request.user, application=self._target(pk), values=body.validated_data["scores"]
        )
        return Response({"saved": len(saved)}, status=status.HTTP_201_CREATED)
