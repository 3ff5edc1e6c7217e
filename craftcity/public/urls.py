from django.urls import path

from . import events, tours, views, works

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
    path("tours/", tours.tours, name="tours"),
    path("tours/plan/", tours.planner, name="planner"),
    path("tours/<slug:slug>/", tours.tour, name="tour"),
    path("tours/<slug:slug>/print/", tours.tour_print, name="tour-print"),
    path("tours/<slug:slug>/tour.pdf", tours.tour_pdf, name="tour-pdf"),
    path("tours/<slug:slug>/tour.gpx", tours.tour_gpx, name="tour-gpx"),
    path("tours/<slug:slug>/tour.geojson", tours.tour_geojson, name="tour-geojson"),
    path("works/", works.works, name="works"),
    path("works/<int:pk>/", works.work, name="work"),
    path("collections/", works.collections, name="collections"),
    path("collections/<slug:slug>/", works.collection, name="collection"),
    path("exhibitions/", works.exhibitions, name="exhibitions"),
    path("exhibitions/<slug:slug>/", works.exhibition, name="exhibition"),
    path("open-data/", works.open_data, name="open-data"),
    path("open-data/<str:name>", works.open_data_file, name="open-data-file"),
    path("events/", events.events, name="events"),
    path("events/calendar.ics", events.events_ics, name="events-ics"),
    path("events/applications/<int:pk>/<str:action>/", events.application_action, name="application-action"),
    path("events/<slug:slug>/", events.event, name="event"),
    path("events/<slug:slug>/event.ics", events.event_ics, name="event-ics"),
    path("events/<slug:slug>/apply/", events.event_apply, name="event-apply"),
    path("events/<slug:slug>/jury/", events.event_jury, name="event-jury"),
    path("search/", views.search, name="search"),
    path("search/suggest/", views.suggest, name="suggest"),
]
