from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import events, music, tours, views, works

router = DefaultRouter()
router.register("people", views.PersonViewSet, basename="person")
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("disciplines", views.DisciplineViewSet, basename="discipline")
router.register("dynasties", views.DynastyViewSet, basename="dynasty")
router.register("places", tours.PlaceGeoViewSet, basename="place")
router.register("tours", tours.TourViewSet, basename="tour")
router.register("works", works.WorkViewSet, basename="work")
router.register("collections", works.CuratedCollectionViewSet, basename="collection")
router.register("exhibitions", works.CuratedExhibitionViewSet, basename="exhibition")
router.register("repertoire", music.RepertoireViewSet, basename="musical-work")
router.register("ensembles", music.EnsembleViewSet, basename="ensemble")
router.register("recordings", music.RecordingViewSet, basename="recording")
router.register("events", events.EventViewSet, basename="event")
router.register("applications", events.ApplicationViewSet, basename="application")

urlpatterns = [
    path("search/", views.SearchView.as_view(), name="search"),
    path("tours/plan/", tours.TourPlanView.as_view(), name="tour-plan"),
    path("", include(router.urls)),
]
