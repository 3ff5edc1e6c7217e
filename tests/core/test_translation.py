import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from craftcity.core.translation import TranslatedFormField, TranslatedText, as_translated, fallback_order


def test_each_ui_language_reads_its_own_text_first():
    text = TranslatedText({"kk": "Зергер", "ru": "Ювелир", "en": "Jeweller"})
    for language, expected in [("kk", "Зергер"), ("ru", "Ювелир"), ("en", "Jeweller")]:
        with translation.override(language):
            assert str(text) == expected
            assert not text.is_fallback()


def test_missing_kazakh_falls_back_to_russian_then_english_and_says_so():
    text = TranslatedText({"en": "Felt", "ru": "Войлок"})
    with translation.override("kk"):
        assert str(text) == "Войлок"
        assert text.is_fallback()
    assert TranslatedText({"en": "Felt"}).text("kk") == "Felt"


def test_kazakh_latin_falls_back_to_kazakh_cyrillic():
    assert fallback_order("kk-latn")[:2] == ["kk-latn", "kk"]
    assert TranslatedText({"kk": "Киіз", "en": "Felt"}).text("kk-latn") == "Киіз"


def test_empty_text_prints_as_nothing():
    assert str(TranslatedText()) == ""
    assert not as_translated({"kk": "", "ru": ""})


def test_form_field_requires_one_language_and_drops_blanks():
    field = TranslatedFormField(required=True)
    with pytest.raises(ValidationError):
        field.clean(["", "  ", ""])
    cleaned = field.clean(["", "Войлок", ""])
    assert dict(cleaned) == {"ru": "Войлок"}


@pytest.mark.django_db
def test_unknown_language_code_is_refused(make_organization):
    from craftcity.organizations.models import Organization

    organization = Organization(slug="x", kind="union", name={"xx": "?"})
    with pytest.raises(ValidationError) as error:
        organization.full_clean()
    assert "name" in error.value.message_dict


@pytest.mark.django_db
def test_translated_text_survives_the_database_round_trip(make_organization):
    from craftcity.organizations.models import Organization

    make_organization("union", name={"kk": "Қолөнершілер одағы", "en": "Union of Craftsmen"})
    loaded = Organization.objects.get(slug="union")
    with translation.override("ru"):
        assert str(loaded.name) == "Қолөнершілер одағы"
    with translation.override("en"):
        assert str(loaded) == "Union of Craftsmen"


@pytest.mark.django_db
def test_a_language_can_be_queried_directly(make_organization):
    from craftcity.organizations.models import Organization

    make_organization("union", name={"kk": "Одақ", "en": "Union"})
    assert Organization.objects.filter(name__en="Union").count() == 1
    assert Organization.objects.filter(name__kk="Union").count() == 0
