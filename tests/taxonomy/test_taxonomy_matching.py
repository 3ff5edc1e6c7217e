"""The crafts a registrar meets in regional lists are in the taxonomy, and found by what the lists write."""

import pytest
from django.core.management import call_command

from craftcity.taxonomy.matching import TermIndex
from craftcity.taxonomy.models import Discipline
from craftcity.taxonomy.reference import DISCIPLINES

# What the issue lists (issue #12), each as a registrar may find it written in kk, ru and en.
WRITTEN = {
    "embroidery": ["кесте", "Кесте", "keste", "вышивка", "вышивка гладью", "вышивальщица", "embroidery"],
    "weaving": ["кілем", "kilem", "килем", "ковроткачество", "carpet weaving", "алаша"],
    "felt": ["киіз", "войлок", "сырмақ", "текемет", "felting"],
    "leather": ["тері өңдеу", "кожа", "leatherwork"],
    "jewellery": ["зергерлік", "zergerlik", "ювелирное дело", "jewelry"],
    "wood-carving": ["ағаш ою", "резьба по дереву", "woodcarving"],
    "bone-carving": ["сүйек ою", "резьба по кости", "bone carving"],
    "pottery": ["қыш", "керамика", "гончар", "ceramics"],
    "blacksmithing": ["ұсталық", "кузнец", "blacksmith"],
    "saddlery": ["ер-тоқым", "седельщик", "saddler"],
    "yurt-making": ["киіз үй", "юрта", "yurt"],
    "instrument-making": ["домбыра жасау", "изготовление музыкальных инструментов", "luthier"],
    "calligraphy": ["каллиграфия", "хаттаттық", "calligraphy"],
    "kurak-korpe": ["құрақ көрпе", "лоскутное шитьё", "patchwork"],
    "aitys": ["айтыс", "айтыскер", "aitys"],
    "kui": ["күй", "күйші", "домбра", "dombra"],
    "epic-singing": ["жыр", "жырау", "эпос", "zhyrau"],
    "kobyz": ["қобыз", "кобыз", "kobyz"],
    "orchestral": ["оркестр", "orchestra"],
    "opera": ["опера", "opera"],
    "pop": ["эстрада", "поп-музыка", "pop music"],
}


@pytest.fixture
def index(db):
    call_command("load_reference", verbosity=0)
    return TermIndex.for_model(Discipline)


def _slug(pk):
    return Discipline.objects.get(pk=pk).slug if pk else None


def test_every_craft_a_registrar_meets_is_found_by_its_words_in_three_languages(index):
    found = {(slug, text): _slug(index.find(text)) for slug, texts in WRITTEN.items() for text in texts}
    assert {key: slug for key, slug in found.items() if slug != key[0]} == {}
    for row in DISCIPLINES:  # and by its own name in each language
        for text in row.name.values():
            assert _slug(index.find(text)) == row.slug, text


def test_suggestions_meet_across_languages_and_leave_nonsense_alone(index):
    def suggested(text):
        return [_slug(s.pk) for s in index.suggest(text)]

    keste = suggested("кесте")
    assert keste[0] == "embroidery" and not {"glass", "orchestral", "pop"} & set(keste)
    assert suggested("кестеші шебер")[0] == "embroidery"
    assert {"kui", "instrument-making"} <= set(suggested("домбыра"))
    assert suggested("Нарния") == [] and suggested("qwerty") == []


def test_loading_twice_changes_nothing_and_keeps_a_synonym_staff_added(db):
    call_command("load_reference", verbosity=0)
    embroidery = Discipline.objects.get(slug="embroidery")
    embroidery.synonyms = [*embroidery.synonyms, "шым кесте"]
    embroidery.save()
    before = list(Discipline.objects.order_by("pk").values())

    call_command("load_reference", verbosity=0)

    assert list(Discipline.objects.order_by("pk").values()) == before
    assert "шым кесте" in Discipline.objects.get(slug="embroidery").synonyms
