"""`{% picture record %}`: a record's picture through the IIIF image service (responsive sizes, WebP first, lazy
unless it is the page's main image, width and height so nothing jumps), or its kind's ornament when it has none."""

from django import template
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext as _

from craftcity.core.pictures import SHARE_SIZE, Picture, kind_of, picture_of
from craftcity.core.translation import as_translated

register = template.Library()

# preset: (`sizes` attribute, the widest size offered, shown at the top of the page)
PRESETS = {
    "card": ("(min-width: 75rem) 18rem, (min-width: 40rem) 45vw, 100vw", 960, False),
    "portrait": ("(min-width: 48rem) 16rem, 70vw", 960, True),
    "hero": ("(min-width: 64rem) 48rem, 100vw", 1600, True),
    "logo": ("(min-width: 48rem) 12rem, 40vw", 640, True),
    "thumb": ("6rem", 320, False),
}
PLACEHOLDER_KINDS = {"person", "work", "workimage", "place", "event", "organization"}
PLACEHOLDER_SIZE = (400, 300)


def alt_text(picture: Picture, label: str = "") -> str:
    """What the picture shows in the reader's language (else the record's name); an illustration says so."""
    description, _found = as_translated(picture.alt).resolve(translation.get_language())
    description = description or label
    if picture.is_illustration:
        return _("Illustration, not a photograph: %(description)s") % {"description": description}
    return description


@register.simple_tag
def picture(record, preset: str = "card", label: str = "", eager: bool | None = None, css: str = ""):
    """Render `public/_picture.html` for `record`: a Person (only with consent), Organization, Place, Event, Work
    or WorkImage. `eager` overrides the preset for the image most likely to be the largest on screen."""
    sizes, widest, preset_eager = PRESETS[preset]
    found = picture_of(record) if record is not None else None
    kind = kind_of(record)
    context = {"preset": preset, "css": css, "eager": preset_eager if eager is None else eager}
    if found is None:
        width, height = PLACEHOLDER_SIZE
        ornament = kind if kind in PLACEHOLDER_KINDS else "work"
        context.update(
            placeholder=static(f"public/img/ornament-{'work' if ornament == 'workimage' else ornament}.svg"),
            width=width,
            height=height,
            kind=ornament,
        )
        return render_to_string("public/_picture.html", context)
    widths = [w for w in found.widths if w <= widest] or [found.widths[0]]
    fallback = found.nearest(min(640, widths[-1]))
    context.update(
        picture=found,
        alt=alt_text(found, label or str(record)),
        sizes=sizes,
        src=found.url(fallback),
        width=fallback,
        height=found.height_for(fallback),
        srcset_jpg=", ".join(f"{found.url(w)} {w}w" for w in widths),
        srcset_webp=", ".join(f"{found.url(w, 'webp')} {w}w" for w in widths),
    )
    return render_to_string("public/_picture.html", context)


@register.filter
def has_picture(record) -> bool:
    """Whether a page may show the record's own picture (a person's only with consent)."""
    return record is not None and picture_of(record) is not None


@register.filter
def initials(name) -> str:
    """The first letters of a name's first two words ("Айжан Беккулова" → "АБ"): the monogram of a person
    with no photo, so a list of them stays short on a phone instead of repeating a photo-sized ornament."""
    words = [word for word in str(name or "").replace("-", " ").split() if word[:1].isalpha()]
    return "".join(word[0] for word in words[:2]).upper()


@register.filter
def monogram_tint(record) -> int:
    """One of four tints (1–4) for a monogram, fixed per record, so a person keeps their colour on every list."""
    return (record.pk or 0) % 4 + 1


DEFAULT_SHARE_IMAGE = "public/img/share-default.jpg"  # drawn by scripts/make-share-image


OG_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}


@register.inclusion_tag("public/_share.html", takes_context=True)
def share(context, record, title: str = "", description: str = "", kind: str = "website"):
    """Open Graph and Twitter card tags for a record's page: its title, description, address in the reader's
    language, and its picture cropped to the share card (SHARE_SIZE) only where a visitor may see it, else the
    site's own card."""
    from django.conf import settings

    request = context.get("request")
    language = translation.get_language()
    found = picture_of(record) if record is not None else None
    absolute = request.build_absolute_uri if request is not None else (lambda path: path)
    width, height = SHARE_SIZE
    if found is not None:
        image = {"url": absolute(found.share_url()), "alt": alt_text(found, title)}
    else:  # a record with no picture a visitor may see: the site's card, never someone else's picture
        image = {"url": absolute(static(DEFAULT_SHARE_IMAGE)), "alt": _("craftcity — crafts and music of the city")}
    image.update(width=width, height=height)
    if record is None:  # a page of no one record (a list, the home page): the site's own title and words
        title = title or _("craftcity — crafts and music of the city")
        description = description or _("The living registry of the city's crafts and music community.")
    return {
        "title": title or str(record),
        "description": description,
        "kind": kind,
        "url": request.build_absolute_uri(request.path) if request is not None else "",
        "locale": OG_LOCALES.get(language, language),
        "alternates": [OG_LOCALES.get(code, code) for code, _name in settings.LANGUAGES if code != language],
        "image": image,
    }
