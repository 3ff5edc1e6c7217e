"""Slugs made from names in any script, unique among those already taken."""

from django.utils.text import slugify

from recordlink.normalize import ascii_fold


def unique_slug(text: str, taken, *, fallback: str, max_length: int) -> str:
    """The ASCII slug of `text` (Kazakh and Russian letters transliterated), with -2, -3… until `taken(slug)`
    is false; `fallback` when the text gives no letters."""
    base = (slugify(ascii_fold(text or "")) or fallback)[:max_length]
    slug, n = base, 2
    while taken(slug):
        slug, n = f"{base}-{n}", n + 1
    return slug
