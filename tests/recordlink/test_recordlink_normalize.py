"""Field normalizers: every Kazakh phone format, regions and crafts in kk/ru/en."""

import pytest

from recordlink.normalize import normalize_craft, normalize_email, normalize_phone, normalize_region


@pytest.mark.parametrize(
    "raw",
    [
        "+7 701 123 45 67",
        "8(701)1234567",
        "87011234567",
        "7011234567",
        "+77011234567",
        "77011234567",
        "8 701 123-45-67",
        "+7 (701) 123-45-67",
        " 8-701-123-45-67 ",
    ],
)
def test_every_kazakh_phone_format_is_one_e164_number(raw):
    assert normalize_phone(raw) == "+77011234567"


@pytest.mark.parametrize("raw", ["", None, "12345", "not a phone", "8701123456789"])
def test_implausible_phone_is_blank(raw):
    assert normalize_phone(raw) == ""


def test_email_case_and_gmail_dots_and_tags_fold():
    assert normalize_email("Aigul.Akhmet+crafts@GMAIL.com") == "aigulakhmet@gmail.com"
    assert normalize_email("Aigul.Akhmet@mail.ru") == "aigul.akhmet@mail.ru"  # dots matter outside Gmail
    assert normalize_email("no-at-sign") == ""


@pytest.mark.parametrize(
    ("kk", "ru", "en", "code"),
    [
        ("Алматы қаласы", "г. Алматы", "Almaty", "almaty_city"),
        ("Алматы облысы", "Алматинская область", "Almaty Region", "almaty_region"),
        ("Астана", "г. Астана", "Nur-Sultan", "astana"),
        ("Шымкент қаласы", "г. Шымкент", "Shymkent", "shymkent"),
        ("Абай облысы", "Абайская область", "Abai Region", "abai"),
        ("Жетісу облысы", "Жетысуская область", "Zhetisu Region", "zhetisu"),
        ("Ұлытау облысы", "Улытауская область", "Ulytau Region", "ulytau"),
        ("Шығыс Қазақстан облысы", "ВКО", "East Kazakhstan Region", "east_kz"),
        ("Батыс Қазақстан облысы", "Западно-Казахстанская обл.", "West Kazakhstan", "west_kz"),
        ("Түркістан облысы", "Туркестанская область", "Turkistan Region", "turkistan"),
        ("Маңғыстау облысы", "Мангистауская область", "Mangystau Region", "mangystau"),
    ],
)
def test_region_in_three_languages(kk, ru, en, code):
    assert normalize_region(kk) == normalize_region(ru) == normalize_region(en) == code


def test_almaty_city_is_not_almaty_region():
    assert normalize_region("Алматы") != normalize_region("Алматинская область")
    assert normalize_region("Almaty obl.") == "almaty_region"
    assert normalize_region("Алматы қ.") == "almaty_city"


@pytest.mark.parametrize(
    ("kk", "ru", "en", "code"),
    [
        ("зергерлік", "ювелирное дело", "jewelry", "jewellery"),
        ("киіз", "войлок", "felt", "felt"),
        ("тері", "кожа", "leather", "leather"),
        ("ағаш ою", "резьба по дереву", "wood carving", "wood_carving"),
        ("қыш", "керамика", "pottery", "pottery"),
        ("тоқыма", "ткачество", "weaving", "weaving"),
        ("шыны", "стекло", "glass", "glass"),
        ("құрақ көрпе", "лоскутное шитьё", "kurak korpe patchwork", "patchwork"),
        ("домбыра жасау", "изготовление музыкальных инструментов", "instrument making", "instrument_making"),
    ],
)
def test_craft_in_three_languages(kk, ru, en, code):
    assert normalize_craft(kk) == normalize_craft(ru) == normalize_craft(en) == code


def test_carpet_weaving_is_not_plain_weaving():
    assert normalize_craft("ковроткачество") == "carpet"
    assert normalize_craft("ткачество") == "weaving"


def test_a_long_lived_worker_keeps_a_bounded_cache_of_names_and_still_reads_them_alike(monkeypatch):
    from recordlink import names

    monkeypatch.setattr(names, "CACHE_LIMIT", 10)
    names._features_cache.clear()
    names._token_cache.clear()
    first = names.name_features("Беккулова Айжан Ерланкызы")
    for n in range(200):
        names.name_features(f"Шебер{n} Айжан")
    assert len(names._features_cache) <= 11 and len(names._token_cache) <= 10
    assert names.name_features("БЕККУЛОВА  Айжан Ерланкызы") == first
