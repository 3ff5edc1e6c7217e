"""Protocol endpoints outside the language prefix: IIIF and OAI-PMH."""

from django.urls import path

from craftcity.core.pictures import SHARE_SIZE

from . import iiif, oai

SHARE = f"{SHARE_SIZE[0]},{SHARE_SIZE[1]}"  # the share crop's one size (core.pictures)

iiif_patterns = (
    [
        path("works/<int:pk>/manifest.json", iiif.manifest, name="work-manifest"),
        path("works/<int:pk>/record.jsonld", iiif.record, name="work-record"),
        path("placeholder.svg", iiif.placeholder, name="placeholder"),
        path("collections/<slug:slug>/collection.json", iiif.collection_manifest, name="collection-manifest"),
        path("images/<int:pk>/info.json", iiif.image_info, name="image-info"),
        path("images/<int:pk>/full/<str:size>/0/default.jpg", iiif.image_file, name="image-file"),
        path("images/<int:pk>/full/<str:size>/0/default.<str:fmt>", iiif.image_file, name="image-file-format"),
        path(f"images/<int:pk>/<str:region>/{SHARE}/0/default.<str:fmt>", iiif.image_share, name="image-share"),
        path("pictures/<str:kind>/<int:pk>/<str:token>/info.json", iiif.picture_info, name="picture-info"),
        path(
            "pictures/<str:kind>/<int:pk>/<str:token>/full/<str:size>/0/default.<str:fmt>",
            iiif.picture_file,
            name="picture-file",
        ),
        path(
            f"pictures/<str:kind>/<int:pk>/<str:token>/<str:region>/{SHARE}/0/default.<str:fmt>",
            iiif.picture_share,
            name="picture-share",
        ),
    ],
    "iiif",
)

oai_patterns = ([path("", oai.endpoint, name="endpoint")], "oai")
