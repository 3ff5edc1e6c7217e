"""Template helpers for translated content, and dates, spans, distances, durations and opening hours in words."""

from django import template
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
