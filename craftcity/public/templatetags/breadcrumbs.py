"""`{% breadcrumbs "people" label %}`: the trail from the home page through a page's section to the page itself, as
a navigation landmark; `{% breadcrumbs_jsonld "people" label %}` says the same to search engines (schema.org
BreadcrumbList, beside the page's own JSON-LD)."""

import json

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

register = template.Library()

# section: (its list page, its name, the section it belongs to)
SECTIONS = {
    "people": ("public:people", _("Artisans and musicians"), None),
    "works": ("public:works", _("Works"), None),
    "organizations": ("public:organizations", _("Organizations"), None),
    "events": ("public:events", _("Events"), None),
    "tours": ("public:tours", _("Craft tours"), None),
    "music": ("public:repertoire", _("Music"), None),
    "recordings": ("public:recordings", _("Recordings"), "music"),
}


def trail(section: str, label: str, url: str = "") -> list[dict]:
    """[{name, url}] from the home page to the page (its url is "" unless given: the page itself)."""
    steps = []
    while section:
        url_name, name, section = SECTIONS[section]
        steps.insert(0, {"name": str(name), "url": reverse(url_name)})
    return [{"name": str(_("Home")), "url": reverse("public:home")}, *steps, {"name": label, "url": url}]


@register.simple_tag(takes_context=True)
def breadcrumbs(context, section: str, label) -> str:
    return render_to_string("public/_breadcrumbs.html", {"steps": trail(section, strip_tags(str(label)))})


@register.simple_tag(takes_context=True)
def breadcrumbs_jsonld(context, section: str, label) -> str:
    request = context.get("request")
    absolute = request.build_absolute_uri if request is not None else (lambda path: path)
    steps = trail(section, strip_tags(str(label)), request.path if request is not None else "")
    data = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            # The step's page as a node, not a bare address: schema.org's `item` is a Thing (Google takes both).
            {
                "@type": "ListItem",
                "position": position,
                "name": step["name"],
                "item": {"@type": "WebPage", "@id": absolute(step["url"]), "name": step["name"]},
            }
            for position, step in enumerate(steps, start=1)
        ],
    }
    # As public.jsonld.script_tag escapes: no name can close the script element early.
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
