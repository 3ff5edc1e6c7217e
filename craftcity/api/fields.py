from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from craftcity.core.translation import as_translated


@extend_schema_field(
    {"type": "object", "additionalProperties": {"type": "string"}, "example": {"kk": "…", "ru": "…", "en": "…"}}
)
class TranslatedJSONField(serializers.Field):
    """A text in several languages, as {language code: text}."""

    def to_representation(self, value):
        return dict(as_translated(value))

    def to_internal_value(self, data):
        if isinstance(data, str):
            return as_translated(data)
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            raise serializers.ValidationError("Expected an object of language codes to texts.")
        return as_translated(data)
