from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person, name="person"),
    path("dynasties/", views.dynasties, name="dynasties"),
    path("dynasties/<slug:slug>/", views.dynasty, name="dynasty"),
    path("organizations/", views.organizations, name="organizations"),
    path("organizations/<slug:slug>/", views.organization, name="organization"),
    path("crafts/<slug:slug>/", views.discipline, name="discipline"),
    path("regions/<str:code>/", views.region, name="region"),
    path("places/", views.places, name="places"),
    path("places/<slug:slug>/", views.place, name="place"),
    path("map/", views.map_view, name="map"),
    path("search/", views.search, name="search"),
    path("search/suggest/", views.suggest, name="suggest"),
]
