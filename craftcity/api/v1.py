from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("people", views.PersonViewSet, basename="person")
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("disciplines", views.DisciplineViewSet, basename="discipline")
router.register("dynasties", views.DynastyViewSet, basename="dynasty")
router.register("places", views.PlaceViewSet, basename="place")

urlpatterns = [
    path("search/", views.SearchView.as_view(), name="search"),
    path("", include(router.urls)),
]
