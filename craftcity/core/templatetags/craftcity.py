"""Template helpers for translated content, and dates, spans, distances, durations and opening hours in words."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import formats, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from craftcity.core import formatting
from craftcity.core.translation import TranslatedText, as_translated

register = template.Library()

LANGUAGE_NAMES = {"kk": "қазақша", "ru": "по-русски", "en": "in English", "kk-latn": "qazaqşa"}


def _translated_text(value):
    """A record's own translated name or title (a place, a craft, a region…), else the value itself."""
    if value is None or isinstance(value, dict | str):
        return value
    for attribute in ("name", "title"):
        text = getattr(value, attribute, None)
        if isinstance(text, TranslatedText):
            return text
    return None


@register.filter
def translated(value):
    """The text in the reader's language; a fallback is marked with its language (for screen readers too).
    Takes a translated text, or a record whose name or title is one ({{ event.place|translated }}); anything
    else is printed as it is, unmarked, since nothing says which language it is in."""
    found_text = _translated_text(value)
    if found_text is None:
        return str(value)
    text = as_translated(found_text)
    wanted = translation.get_language()
    content, found = text.resolve(wanted)
    if not content:
        return ""
    if found and found != wanted:
        return format_html(
            '<span lang="{}" class="fallback" title="{}">{}</span>',
            found,
            _("Not yet translated; shown %(language)s") % {"language": LANGUAGE_NAMES.get(found, found)},
            content,
        )
    return content


@register.simple_tag(takes_context=True)
def language_url(context, language: str) -> str:
    """This page in another language: a plain link (no form, no CSRF token), so public pages can be cached whole."""
    request = context["request"]
    return translate_url(request.get_full_path(), language)


# Query parameters that change what a page shows (filters, search, a page of results, the month view). Anything
# else — a sort order, tracking tags (utm_*, fbclid), stray parameters — shows the same content, so it stays out of
# the canonical address and the language alternates. A list page that reads a new filter adds its name here.
CONTENT_PARAMS = frozenset(
    {
        "q", "page", "kind", "type", "view", "month", "from", "to", "past", "place", "media", "maker", "format",
        "discipline", "technique", "material", "region", "country", "organization", "craft",
    }
)  # fmt: skip


def content_query(query) -> str:
    """The part of a query string that changes the page's content, in a stable order ("page=1" is the page itself)."""
    kept = sorted(
        (key, value)
        for key in query
        if key in CONTENT_PARAMS
        for value in query.getlist(key)
        if value and not (key == "page" and value == "1")
    )
    return f"?{urlencode(kept)}" if kept else ""


@register.simple_tag(takes_context=True)
def page_links(context) -> str:
    """<link rel="canonical"> and one rel="alternate" hreflang link per language plus x-default (the address
    without a language prefix, which sends a visitor to their browser's language), all absolute — the same
    addresses the sitemap lists. Pages no route answers (404, 500) get none."""
    request = context.get("request")
    if request is None or getattr(request, "resolver_match", None) is None:
        return ""
    query = content_query(request.GET)
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        path = translate_url(request.path, code)
        absolute = request.build_absolute_uri(path) + query
        if code == current:
            links.insert(0, format_html('<link rel="canonical" href="{}">', absolute))
        links.append(format_html('<link rel="alternate" hreflang="{}" href="{}">', code, absolute))
        if code == settings.LANGUAGE_CODE:  # the sitemap's x-default: the default language's prefix taken off
            unprefixed = path.replace(f"/{code}/", "/", 1)
            links.append(
                format_html(
                    '<link rel="alternate" hreflang="x-default" href="{}">',
                    request.build_absolute_uri(unprefixed) + query,
                )
            )
    return mark_safe("\n  ".join(links))


@register.simple_tag(takes_context=True)
def url_with(context, **params):
    """The current URL's query string with some parameters replaced (None or "" removes one)."""
    query = context["request"].GET.copy()
    for key, value in params.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    if "page" not in params:  # a new filter starts again at page one
        query.pop("page", None)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def page_numbers(page, around: int = 2) -> list[int | None]:
    """The page numbers a pager shows: the first, the last and `around` either side of the current one, with
    None for each gap ("1 … 4 5 [6] 7 8 … 20"); a gap of a single page shows that page instead."""
    last, current = page.paginator.num_pages, page.number
    shown = sorted({1, last, *range(max(1, current - around), min(last, current + around) + 1)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - numbers[-1] == 2:
            numbers.append(number - 1)
        elif numbers and number - numbers[-1] > 2:
            numbers.append(None)
        numbers.append(number)
    return numbers


@register.filter
def money(amount, currency: str = "KZT") -> str:
    """An amount grouped in the reader's language with its ISO currency code: "1 500 000 KZT" in kk and ru,
    "1,500,000 KZT" in en; kopecks and tiyn only when there are any."""
    if amount in (None, ""):
        return ""
    places = 0 if amount == int(amount) else 2
    return f"{formats.number_format(amount, places, force_grouping=True)}\xa0{currency}"


def _with_time_elements(span: formatting.Span) -> str:
    times = [format_html('<time datetime="{}">{}</time>', iso, text) for text, iso in span.parts]
    return mark_safe(span.joiner.join(times))


@register.filter
def event_range(item):
    """When an event (starts_at, ends_at, is_all_day) or an exhibition or residency (starts_on, ends_on) takes
    place, in words, each end wrapped in <time datetime="ISO">: "10 May 2027, 18:00–22:00", "10–12 May 2027"."""
    return _with_time_elements(formatting.span_of(item))


@register.filter
def date_range(first, last=None):
    """{{ first|date_range:last }}: days (or moments) from first to last, as event_range writes them."""
    return _with_time_elements(formatting.event_span(first, last))


# Units, opening hours and counts in the reader's language; what each writes is in core.formatting's docstrings.
for _name in ("distance", "duration", "opening_hours", "number"):
    register.filter(_name, getattr(formatting, _name))
