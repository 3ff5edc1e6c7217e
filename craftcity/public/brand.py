"""The site's identity outside its pages: the web app manifest (per language) and the branded error pages."""

from __future__ import annotations

from django.http import JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

THEME = "#9a2a22"  # --felt-red in tokens.css
BACKGROUND = "#faf6ef"  # --paper


@cache_control(public=True, max_age=86400)
def manifest(request):
    """The web app manifest in the page's language, so a phone's home screen names the site in it."""
    icons = [
        {"src": static("public/icons/shanyrak.svg"), "sizes": "any", "type": "image/svg+xml"},
        {"src": static("public/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("public/icons/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
    ]
    body = {
        "name": _("craftcity — crafts and music of the city"),
        "short_name": "craftcity",
        "description": _("The living registry of the city's crafts and music community."),
        "lang": translation.get_language(),
        "start_url": reverse("public:home"),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME,
        "background_color": BACKGROUND,
        "icons": icons,
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


@cache_control(public=True, max_age=86400)
def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the back office's refusals, a PDF, a feed): send
    them to the site's icon instead of a 404 page rendered for every such request."""
    from django.http import HttpResponsePermanentRedirect

    return HttpResponsePermanentRedirect(static("public/icons/icon-32.png"))
