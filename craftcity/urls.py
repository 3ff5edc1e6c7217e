from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.static import serve

from craftcity.api import network_description
from craftcity.core import health
from craftcity.core.uploads import upload_too_large
from craftcity.music.urls import iiif_patterns as recording_iiif_patterns
from craftcity.public import brand
from craftcity.public import views as public_views
from craftcity.public.sitemaps import SITEMAPS
from craftcity.works.urls import iiif_patterns, oai_patterns

# Under /api/ an address no route matches answers the API's own error body (craftcity/api/errors.py).
handler404 = "craftcity.api.errors.page_not_found"

urlpatterns = [
    path("api/", include("craftcity.api.urls")),
    path("iiif/recordings/", include(recording_iiif_patterns)),
    path("iiif/", include(iiif_patterns)),
    path("oai/", include(oai_patterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap-index"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("robots.txt", public_views.robots_txt),
    path(".well-known/craftcity", network_description.network_description, name="network-description"),
    path("id/<str:kind>/<int:pk>", network_description.record_id, name="record-id"),
    path("favicon.ico", brand.favicon),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("upload-too-large", upload_too_large, name="upload-too-large"),  # nginx's page for its 413
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("me/", include("craftcity.public.me_urls")),
    path("", include("craftcity.public.urls")),
)
if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
