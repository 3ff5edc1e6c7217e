"""Field normalizers: one canonical value per phone, e-mail, region, craft, organization and year.

Regional lists write the same fact in many ways (8(701)1234567 and +7 701 123 45 67; "г. Алматы",
"Алматы қаласы" and "Almaty"). Comparisons only mean something after those are folded together, so
each normalizer returns either a canonical value or "" when the input says nothing usable.
"""

from __future__ import annotations

import re
import unicodedata

_DIGITS = re.compile(r"\D+")


def normalize_phone(text: str | None) -> str:
    """Kazakh numbers in any common format -> E.164 (+77011234567); "" when not a plausible number.

    Accepts +7 / 7 / 8 trunk prefixes and bare 10-digit national numbers. Numbers of other countries
    with a leading + are kept as +digits so they can still match exactly.
    """
    if not text:
        return ""
    raw = str(text).strip()
    digits = _DIGITS.sub("", raw)
    if len(digits) == 11 and digits[0] in "78":
        return "+7" + digits[1:]
    if len(digits) == 10 and digits[0] in "67":
        return "+7" + digits
    if raw.startswith("+") and 8 <= len(digits) <= 15:
        return "+" + digits
    return ""


def normalize_email(text: str | None, *, gmail_rules: bool = True) -> str:
    """Lowercased address; for Gmail, dots and +tags are dropped because Gmail ignores them too."""
    if not text:
        return ""
    email = str(text).strip().lower()
    if email.count("@") != 1:
        return ""
    user, domain = email.split("@")
    if not user or "." not in domain:
        return ""
    if gmail_rules and domain in ("gmail.com", "googlemail.com"):
        user = user.split("+", 1)[0].replace(".", "")
        domain = "gmail.com"
    return f"{user}@{domain}"


_CYR = {
    "а": "a",
    "ә": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "қ": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "n",
    "о": "o",
    "ө": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "u",
    "ү": "u",
    "ф": "f",
    "х": "h",
    "һ": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "sh",
    "ъ": "",
    "ы": "y",
    "і": "i",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}
_LAT = {"ä": "a", "ğ": "g", "q": "k", "ñ": "n", "ö": "o", "ū": "u", "ü": "u", "ı": "i", "ş": "sh", "ç": "ch"}


def ascii_fold(text: str) -> str:
    """Lowercase ASCII approximation of Kazakh/Russian/Latin text, for keyword matching of places/crafts."""
    out = []
    for ch in text.lower():
        if ch in _CYR:
            out.append(_CYR[ch])
        elif ch in _LAT:
            out.append(_LAT[ch])
        elif ch.isascii():
            out.append(ch)
        else:
            base = unicodedata.normalize("NFKD", ch)[:1]
            out.append(base if base.isascii() else " ")
    s = "".join(out)
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


# --- Regions ---------------------------------------------------------------------------------
# 17 regions (oblys) and 3 cities of republican significance. A city is not its region: Almaty city
# and Almaty Region are different places, so each gets its own code.
REGION_NAMES = {
    "almaty_city": ("Алматы", "Алматы", "Almaty"),
    "astana": ("Астана", "Астана", "Astana"),
    "shymkent": ("Шымкент", "Шымкент", "Shymkent"),
    "abai": ("Абай облысы", "Абайская область", "Abai Region"),
    "akmola": ("Ақмола облысы", "Акмолинская область", "Akmola Region"),
    "aktobe": ("Ақтөбе облысы", "Актюбинская область", "Aktobe Region"),
    "almaty_region": ("Алматы облысы", "Алматинская область", "Almaty Region"),
    "atyrau": ("Атырау облысы", "Атырауская область", "Atyrau Region"),
    "east_kz": ("Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region"),
    "zhambyl": ("Жамбыл облысы", "Жамбылская область", "Zhambyl Region"),
    "zhetisu": ("Жетісу облысы", "Жетысуская область", "Zhetisu Region"),
    "west_kz": ("Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region"),
    "karaganda": ("Қарағанды облысы", "Карагандинская область", "Karaganda Region"),
    "kostanay": ("Қостанай облысы", "Костанайская область", "Kostanay Region"),
    "kyzylorda": ("Қызылорда облысы", "Кызылординская область", "Kyzylorda Region"),
    "mangystau": ("Маңғыстау облысы", "Мангистауская область", "Mangystau Region"),
    "pavlodar": ("Павлодар облысы", "Павлодарская область", "Pavlodar Region"),
    "north_kz": ("Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan Region"),
    "turkistan": ("Түркістан облысы", "Туркестанская область", "Turkistan Region"),
    "ulytau": ("Ұлытау облысы", "Улытауская область", "Ulytau Region"),
}
REGION_CODES = tuple(REGION_NAMES)

# Folded word stems -> region. Region capitals and old names count as their region, except the three
# cities of republican significance, which are regions of their own.
_REGION_STEMS = [
    ("abai", "abai"),
    ("abaisk", "abai"),
    ("semei", "abai"),
    ("semipalat", "abai"),
    ("akmol", "akmola"),
    ("kokshetau", "akmola"),
    ("koksh", "akmola"),
    ("aktob", "aktobe"),
    ("aktiub", "aktobe"),
    ("aktub", "aktobe"),
    ("atyrau", "atyrau"),
    ("shygys kazakstan", "east_kz"),
    ("vostochno kazah", "east_kz"),
    ("east kazakhstan", "east_kz"),
    ("oskemen", "east_kz"),
    ("ust kamenogorsk", "east_kz"),
    ("zhambyl", "zhambyl"),
    ("jambyl", "zhambyl"),
    ("zhambylsk", "zhambyl"),
    ("taraz", "zhambyl"),
    ("zhetis", "zhetisu"),
    ("zhetys", "zhetisu"),
    ("jetis", "zhetisu"),
    ("taldyk", "zhetisu"),
    ("batys kazakstan", "west_kz"),
    ("zapadno kazah", "west_kz"),
    ("west kazakhstan", "west_kz"),
    ("oral", "west_kz"),
    ("uralsk", "west_kz"),
    ("karagand", "karaganda"),
    ("karagandy", "karaganda"),
    ("karaganda", "karaganda"),
    ("kostana", "kostanay"),
    ("kustana", "kostanay"),
    ("kyzylord", "kyzylorda"),
    ("kzyl", "kyzylorda"),
    ("mangy", "mangystau"),
    ("mangi", "mangystau"),
    ("aktau", "mangystau"),
    ("pavlodar", "pavlodar"),
    ("soltustik kazakstan", "north_kz"),
    ("severo kazah", "north_kz"),
    ("north kazakhstan", "north_kz"),
    ("petropavl", "north_kz"),
    ("turkist", "turkistan"),
    ("turkest", "turkistan"),
    ("iuzhno kazah", "turkistan"),
    ("south kazakhstan", "turkistan"),
    ("ulytau", "ulytau"),
    ("ulutau", "ulytau"),
    ("zhezkazgan", "ulytau"),
    ("jezkazgan", "ulytau"),
    ("astana", "astana"),
    ("nur sultan", "astana"),
    ("nursultan", "astana"),
    ("akmolinsk", "akmola"),
    ("shymkent", "shymkent"),
    ("chimkent", "shymkent"),
    ("konaev", "almaty_region"),
    ("kapshagai", "almaty_region"),
    ("kapchagai", "almaty_region"),
    ("almatinsk", "almaty_region"),
]
_REGION_ABBR = {
    "vko": "east_kz",
    "shko": "east_kz",
    "ekr": "east_kz",
    "zko": "west_kz",
    "bko": "west_kz",
    "sko": "north_kz",
    "sko obl": "north_kz",
    "uko": "turkistan",
    "iuko": "turkistan",
    "ala": "almaty_city",
    "nqz": "astana",
    "tse": "astana",
}
_REGION_WORDS = {"oblys", "oblysy", "oblast", "obl", "region", "reg", "oblasti", "ob"}
_CITY_WORDS = {"g", "gor", "gorod", "kalasy", "kala", "k", "city", "sh"}


def normalize_region(text: str | None) -> str:
    """Region code (see REGION_CODES) from kk/ru/en text or an abbreviation; "" when unknown."""
    if not text:
        return ""
    folded = ascii_fold(str(text))
    if not folded:
        return ""
    if folded in _REGION_ABBR:
        return _REGION_ABBR[folded]
    words = folded.split()
    is_region = any(w in _REGION_WORDS for w in words)
    core = " ".join(w for w in words if w not in _REGION_WORDS and w not in _CITY_WORDS)
    if core in _REGION_ABBR:
        return _REGION_ABBR[core]
    if core.startswith(("almaty", "alma ata", "almaata")):
        return "almaty_region" if is_region else "almaty_city"
    for stem, code in _REGION_STEMS:
        if core.startswith(stem) or (" " not in stem and any(w.startswith(stem) for w in core.split())):
            return code
    return ""


# --- Crafts ----------------------------------------------------------------------------------
CRAFT_NAMES = {
    "jewellery": ("зергерлік", "ювелирное дело", "jewellery"),
    "felt": ("киіз басу", "войлок", "felt"),
    "leather": ("тері өңдеу", "кожа", "leather"),
    "wood_carving": ("ағаш ою", "резьба по дереву", "wood carving"),
    "pottery": ("қыш", "керамика", "pottery"),
    "carpet": ("кілем тоқу", "ковроткачество", "carpet weaving"),
    "weaving": ("тоқыма", "ткачество", "weaving"),
    "glass": ("шыны", "стекло", "glass"),
    "patchwork": ("құрақ көрпе", "лоскутное шитьё", "kurak korpe patchwork"),
    "instrument_making": ("домбыра жасау", "изготовление музыкальных инструментов", "instrument making"),
    "embroidery": ("кесте", "вышивка", "embroidery"),
}
CRAFT_CODES = tuple(CRAFT_NAMES)

# Folded stems, tried in order: carpets before weaving because "ковроткачество" contains "tkach".
_CRAFT_STEMS = [
    ("kilem", "carpet"),
    ("kover", "carpet"),
    ("kovr", "carpet"),
    ("carpet", "carpet"),
    ("rug", "carpet"),
    ("zerger", "jewellery"),
    ("iuvelir", "jewellery"),
    ("jewel", "jewellery"),
    ("zerg", "jewellery"),
    ("kiiz", "felt"),
    ("voilok", "felt"),
    ("felt", "felt"),
    ("tekemet", "felt"),
    ("syrmak", "felt"),
    ("koshm", "felt"),
    ("valian", "felt"),
    ("teri", "leather"),
    ("kozh", "leather"),
    ("leather", "leather"),
    ("agash", "wood_carving"),
    ("rezb", "wood_carving"),
    ("derev", "wood_carving"),
    ("wood", "wood_carving"),
    ("kysh", "pottery"),
    ("keram", "pottery"),
    ("potter", "pottery"),
    ("ceram", "pottery"),
    ("gonchar", "pottery"),
    ("kurak", "patchwork"),
    ("loskut", "patchwork"),
    ("patchwork", "patchwork"),
    ("kuraq", "patchwork"),
    ("tokyma", "weaving"),
    ("toku", "weaving"),
    ("tkach", "weaving"),
    ("weav", "weaving"),
    ("tkan", "weaving"),
    ("shyny", "glass"),
    ("stekl", "glass"),
    ("glass", "glass"),
    ("dombyr", "instrument_making"),
    ("dombr", "instrument_making"),
    ("instrument", "instrument_making"),
    ("aspap", "instrument_making"),
    ("muzykal", "instrument_making"),
    ("kobyz", "instrument_making"),
    ("keste", "embroidery"),
    ("vyshiv", "embroidery"),
    ("embroider", "embroidery"),
]


def normalize_craft(text: str | None) -> str:
    """Craft code (see CRAFT_CODES) from kk/ru/en text; "" when unknown."""
    if not text:
        return ""
    folded = ascii_fold(str(text))
    words = folded.split()
    for stem, code in _CRAFT_STEMS:
        if any(w.startswith(stem) for w in words):
            return code
    return ""


_ORG_NOISE = {
    "oo",
    "too",
    "ip",
    "ao",
    "rob",
    "ob",
    "obshchestvennoe",
    "obedinenie",
    "assotsiatsiia",
    "association",
    "kauymdastyk",
    "birlestigi",
    "ltd",
    "llp",
    "the",
    "of",
    "shebery",
    "soiuz",
}


def normalize_org(text: str | None) -> str:
    """Organization name folded to ASCII words without legal forms and quotes; "" when blank."""
    if not text:
        return ""
    words = [w for w in ascii_fold(str(text)).split() if w not in _ORG_NOISE]
    return " ".join(sorted(words))


def normalize_year(text: str | int | None) -> int:
    """Plausible birth year (1900-2025) or 0; accepts "1975", "1975.0" and full dates like 12.03.1975."""
    if text is None or text == "":
        return 0
    if isinstance(text, int):
        year = text
    else:
        m = re.search(r"(19|20)\d\d", str(text))
        if not m:
            return 0
        year = int(m.group(0))
    return year if 1900 <= year <= 2025 else 0
