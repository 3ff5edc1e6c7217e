"""Translatable content: one value per language code in a JSON object, read with a fallback order.

Adding a content language (Kazakh in Latin script, say) needs no schema change: it is one more key.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def fallback_order(language: str | None) -> list[str]:
    """The languages to try, in order, for a reader of `language`."""
    language = (language or settings.LANGUAGE_CODE).lower()
    order = settings.CONTENT_FALLBACKS.get(language) or settings.CONTENT_FALLBACKS.get(language.split("-")[0], [])
    rest = [code for code in settings.CONTENT_LANGUAGES if code not in order]
    return [*order, *rest]


class TranslatedText(dict):
    """A {language: text} mapping that prints itself in the active language, falling back as configured."""

    def resolve(self, language: str | None = None) -> tuple[str, str | None]:
        """Return (text, language it is in); ("", None) when no language has a value."""
        for code in fallback_order(language or translation.get_language()):
            value = self.get(code)
            if value:
                return value, code
        return "", None

    def text(self, language: str | None = None) -> str:
        return self.resolve(language)[0]

    def is_fallback(self, language: str | None = None) -> bool:
        """True when the reader gets another language than the one asked for."""
        language = (language or translation.get_language() or settings.LANGUAGE_CODE).lower()
        found = self.resolve(language)[1]
        return found is not None and found != language

    def __str__(self) -> str:
        return self.text()

    def __bool__(self) -> bool:
        return any(v for v in self.values())


def as_translated(value) -> TranslatedText:
    if isinstance(value, TranslatedText):
        return value
    if isinstance(value, dict):
        return TranslatedText({k: v for k, v in value.items() if v})
    if isinstance(value, str) and value:
        # A bare string is taken as the site's default language.
        return TranslatedText({settings.LANGUAGE_CODE: value})
    return TranslatedText()


class TranslatedWidget(forms.MultiWidget):
    template_name = "core/widgets/translated.html"

    def __init__(self, languages, multiline=False, attrs=None):
        self.languages = list(languages)
        base = forms.Textarea(attrs={"rows": 3, "cols": 60}) if multiline else forms.TextInput(attrs={"size": 60})
        widgets = {code: type(base)(attrs=dict(base.attrs, lang=code)) for code in self.languages}
        super().__init__(widgets, attrs)

    def decompress(self, value):
        value = as_translated(value)
        return [value.get(code, "") for code in self.languages]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for code, sub in zip(self.languages, context["widget"]["subwidgets"], strict=True):
            sub["language_code"] = code
        return context


class TranslatedFormField(forms.MultiValueField):
    def __init__(self, *, languages=None, multiline=False, max_length=None, required=True, **kwargs):
        self.languages = list(languages or settings.CONTENT_LANGUAGES)
        fields = [forms.CharField(required=False, max_length=max_length) for _code in self.languages]
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        super().__init__(
            fields=fields,
            widget=TranslatedWidget(self.languages, multiline=multiline),
            require_all_fields=False,
            required=required,
            **kwargs,
        )

    def compress(self, data_list):
        return TranslatedText(
            {code: v.strip() for code, v in zip(self.languages, data_list or [], strict=False) if v and v.strip()}
        )

    def clean(self, value):
        if isinstance(value, dict):
            value = [value.get(code, "") for code in self.languages]
        result = super().clean(value)
        if self.required and not result:
            raise ValidationError(_("Enter this text in at least one language."), code="required")
        return result

    def has_changed(self, initial, data):
        return as_translated(initial) != self.compress(data if isinstance(data, list) else self.widget.decompress(data))


class TranslatedField(models.JSONField):
    """A text held once per content language, e.g. {"kk": "…", "ru": "…", "en": "…"}."""

    description = _("Text in several languages")

    def __init__(self, *args, multiline=False, max_length=None, **kwargs):
        self.multiline = multiline
        self.text_max_length = max_length
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.multiline:
            kwargs["multiline"] = True
        if self.text_max_length:
            kwargs["max_length"] = self.text_max_length
        if kwargs.get("default") is dict:
            del kwargs["default"]
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return as_translated(super().from_db_value(value, expression, connection))

    def to_python(self, value):
        return as_translated(super().to_python(value))

    def get_prep_value(self, value):
        # Only whole texts are normalized; a plain string is a key lookup's value (name__en="Almaty").
        if isinstance(value, dict):
            value = dict(as_translated(value))
        return super().get_prep_value(value)

    def validate(self, value, model_instance):
        value = as_translated(value)
        unknown = sorted(set(value) - set(settings.CONTENT_LANGUAGES))
        if unknown:
            raise ValidationError(
                _("Unknown language code(s): %(codes)s."), code="invalid_language", params={"codes": ", ".join(unknown)}
            )
        if self.text_max_length:
            for code, text in value.items():
                if len(text) > self.text_max_length:
                    raise ValidationError(
                        _("The %(language)s text is longer than %(limit)d characters."),
                        code="max_length",
                        params={"language": code, "limit": self.text_max_length},
                    )
        if not self.blank and not value:
            raise ValidationError(_("Enter this text in at least one language."), code="required")

    def formfield(self, **kwargs):
        return TranslatedFormField(
            multiline=self.multiline,
            max_length=self.text_max_length,
            required=not self.blank,
            label=kwargs.get("label", self.verbose_name.capitalize() if self.verbose_name else None),
            help_text=self.help_text,
            initial=kwargs.get("initial"),
        )
