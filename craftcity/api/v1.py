from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import changes, events, music, network, network_description, reconcile, tours, views, works

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
    path("network/search/", network.NetworkSearchView.as_view(), name="network-search"),
    path("tours/plan/", tours.TourPlanView.as_view(), name="tour-plan"),
    # The network of craft cities: change streams, record documents, reconciliation (docs/architecture.md).
    path("changes/<str:kind>/", changes.collection, name="changes"),
    path("changes/<str:kind>/page/<int:number>/", changes.page, name="changes-page"),
    path("records/<str:kind>/<int:pk>/", network_description.record, name="record"),
    path("iiif/collection.json", network_description.iiif_collection, name="iiif-collections"),
    path("reconcile", reconcile.service, name="reconcile"),
    path("reconcile/preview/<str:type_id>/<int:pk>", reconcile.preview, name="reconcile-preview"),
    path("", include(router.urls)),
]
