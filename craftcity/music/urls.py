"""Protocol endpoints of the music catalogue outside the language prefix: IIIF for recordings (under /iiif/)."""

from django.urls import path

from . import iiif

iiif_patterns = (
    [
        path("collection.json", iiif.collection, name="collection"),
        path("<int:pk>/manifest.json", iiif.manifest, name="manifest"),
        path("<int:pk>/media", iiif.media, name="media"),
        path("<int:pk>/captions/<str:language>.vtt", iiif.captions, name="captions"),
    ],
    "iiif-recordings",
)
