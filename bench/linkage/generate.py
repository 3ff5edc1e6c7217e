"""Deterministic generator of artisan lists as regional associations send them, with ground truth.

Why its own transliteration tables: if the generator spelled names with the same code the matcher
uses (namekit), the benchmark would only test that a function equals itself. The tables here are
written independently, in the way clerks, passport offices and newspapers actually spell Kazakh
names, including their inconsistencies.

Hard negatives are built in on purpose: dynasties (parents and children, siblings, sharing surname,
region and craft), namesakes (common name, different person) and twin-like near misses.

Usage: python bench/linkage/generate.py --people 1000 --seed 1 --out DIR
writes DIR/records.csv (the contract columns) and DIR/truth.csv (id,person_id).
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass, field
from pathlib import Path


def _words(text: str) -> list[str]:
    return text.split()


MALE = _words(
    "Нұрлан Қайрат Ерлан Серік Асқар Бауыржан Ержан Дәурен Жанболат Мұрат Нұрсұлтан Арман Ғалым Айдар "
    "Талғат Бақыт Шыңғыс Әлібек Дархан Ерболат Жандос Қанат Мағжан Нұржан Олжас Рүстем Сәкен Тимур Ұлан "
    "Өмірзақ Айбек Бекзат Болат Дамир Ерқанат Жасұлан Ислам Қуаныш Мейіржан Нұрбол Абай Асан Үсен Есен "
    "Бейбіт Ғабит Дулат Ербол Сұлтан Темірлан Әділет Азамат Берік Марат Руслан Самат Санжар Тұрар Ілияс "
    "Ерасыл Жомарт Ғани Кенжебек Мақсат Нұрлыбек Саят Төлеген Хамит Шәкен Ысқақ Әлихан Бағлан Данияр"
)
FEMALE = _words(
    "Әсел Айгүл Айгерім Гүлнар Жанар Динара Меруерт Сәуле Ақмарал Мөлдір Назгүл Жұлдыз Гүлмира Айжан "
    "Ботагөз Дана Інкәр Қарлығаш Ләззат Мадина Нұргүл Раушан Салтанат Толқын Ұлжан Шынар Әлия Ақбота "
    "Балжан Гаухар Жансая Зарина Индира Күлпаш Ләйлә Нәзира Перизат Сабина Томирис Үміт Фариза Шолпан "
    "Айнұр Арайлым Балауса Жазира Камила Аружан Дариға Гүлжан Әйгерім Бибігүл Гүлсім Жібек Зәуре Қымбат "
    "Ризагүл Сания Тоғжан Ұлбосын Әмина Баян Венера Дилназ"
)
STEMS = _words(
    "Ахмет Омар Сейіт Жұмабай Нұрмағамбет Бекмұхамбет Сәрсенбай Тоқтар Қасым Ибрагим Байжан Оспан Мұқан "
    "Ермек Қали Есім Төлеу Әбдір Жақып Серікбай Қожа Дүйсен Баймұхамед Исабек Құдайберген Нұрлыбай Рахым "
    "Смағұл Тұрсын Уәли Шәкір Ыбырай Әмір Бәйтен Жүсіп Қуандық Мырзахмет Өтеген Сұлтанбек Тәжібай Хасен "
    "Абдрахман Әубәкір Бейсен Ғабдулла Дәулет Ембер Жанұзақ Зейнолла Ілияс Көшкінбай Мамырбек Нұрғали "
    "Орынбасар Пернебай Рысқұл Сағынтай Тілеуберді Уалихан Халел Шалқар Ысмағұл Әлімжан Бөкей Ғазиз "
    "Дайыр Еркін Жаманқұл Иманғали Қабдеш Ләмбек Мұсабек Нұртаза Оразбек Сапар Тоқаш Ұзақ Файзолла "
    "Шаймерден Ақан Бекет Досмағамбет Егізбай Жолдас Қалдыбай Кемел Мұхит Нәби Өміржан Сүлей Тұяқ Әбіл"
)

# Many Kazakh surnames are a forefather's given name plus -ов/-ев or a -бай/-бек name: add those, so
# surnames are as varied as in real registries (a registry where 0.5% of people share one full name
# would be unrealistically hard, and unrealistically easy for blocking on surname).
STEMS = STEMS + MALE + [m + suffix for m in MALE[:40] for suffix in ("бай", "бек")]

RU_SPECIAL = {
    "Шыңғыс": "Чингиз",
    "Жүсіп": "Жусуп",
    "Ыбырай": "Ибрай",
    "Ілияс": "Ильяс",
    "Ләззат": "Ляззат",
    "Ләйлә": "Ляйля",
    "Әлия": "Алия",
    "Інкәр": "Инкар",
    "Рүстем": "Рустем",
    "Ысқақ": "Искак",
    "Ысмағұл": "Исмагул",
    "Әбдір": "Абдир",
    "Ғабдулла": "Габдулла",
    "Әубәкір": "Аубакир",
}
KK_TO_RU = str.maketrans(
    {
        "ә": "а",
        "ғ": "г",
        "қ": "к",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "і": "и",
        "Ә": "А",
        "Ғ": "Г",
        "Қ": "К",
        "Ң": "Н",
        "Ө": "О",
        "Ұ": "У",
        "Ү": "У",
        "Һ": "Х",
        "І": "И",
    }
)
# Kazakh Latin (2021 alphabet), letter by letter.
LATN = {
    "а": "a",
    "ә": "ä",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "ğ",
    "д": "d",
    "е": "e",
    "ё": "io",
    "ж": "j",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "қ": "q",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "ñ",
    "о": "o",
    "ө": "ö",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "ū",
    "ү": "ü",
    "ф": "f",
    "х": "h",
    "һ": "h",
    "ц": "ts",
    "ч": "ç",
    "ш": "ş",
    "щ": "şş",
    "ъ": "",
    "ы": "y",
    "і": "ı",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}
# Passport / ICAO-like, as Kazakh documents print them.
PASSPORT = {
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
    "х": "kh",
    "һ": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "і": "i",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}
# English press / BGN-ish: y for й, ya/yu, gh and q now and then.
PRESS = dict(PASSPORT, й="y", ю="yu", я="ya", ғ="gh", ё="yo", ь="", х="kh")
PRESS_ALT = dict(PRESS, ж="j", қ="q", ү="u", ы="i", ғ="g", х="h")

REGIONS = [
    # (kk, ru, en, extra spellings) — cities first; the generator writes them any way a clerk would.
    ("Алматы қаласы", "г. Алматы", "Almaty", ["Алматы", "Алма-Ата", "Almaty city"]),
    ("Астана", "г. Астана", "Astana", ["Нур-Султан", "Nur-Sultan", "Астана қ."]),
    ("Шымкент", "г. Шымкент", "Shymkent", ["Шымкент қаласы"]),
    ("Абай облысы", "Абайская область", "Abai Region", ["Семей", "область Абай"]),
    ("Ақмола облысы", "Акмолинская область", "Akmola Region", ["Акмолинская обл.", "Кокшетау"]),
    ("Ақтөбе облысы", "Актюбинская область", "Aktobe Region", ["Актобе", "Aktobe"]),
    ("Алматы облысы", "Алматинская область", "Almaty Region", ["Алматинская обл.", "Almaty oblast"]),
    ("Атырау облысы", "Атырауская область", "Atyrau Region", ["Атырау"]),
    ("Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region", ["ВКО", "ШҚО"]),
    ("Жамбыл облысы", "Жамбылская область", "Zhambyl Region", ["Тараз", "Jambyl"]),
    ("Жетісу облысы", "Жетысуская область", "Zhetisu Region", ["Талдыкорган", "Jetisu"]),
    ("Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region", ["ЗКО", "Уральск"]),
    ("Қарағанды облысы", "Карагандинская область", "Karaganda Region", ["Караганда", "Qaragandy"]),
    ("Қостанай облысы", "Костанайская область", "Kostanay Region", ["Костанай"]),
    ("Қызылорда облысы", "Кызылординская область", "Kyzylorda Region", ["Кызылорда"]),
    ("Маңғыстау облысы", "Мангистауская область", "Mangystau Region", ["Актау", "Mangistau"]),
    ("Павлодар облысы", "Павлодарская область", "Pavlodar Region", ["Павлодар"]),
    ("Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan Region", ["СКО"]),
    ("Түркістан облысы", "Туркестанская область", "Turkistan Region", ["Туркестан", "ЮКО"]),
    ("Ұлытау облысы", "Улытауская область", "Ulytau Region", ["Жезказган", "Ulytau"]),
]
CRAFTS = [
    ("зергерлік", "ювелирное дело", "jewellery", ["jewelry", "Зергер", "ювелир"]),
    ("киіз басу", "войлок", "felt", ["валяние войлока", "felt making", "Киіз"]),
    ("тері өңдеу", "кожа", "leather", ["обработка кожи", "leatherwork", "Тері"]),
    ("ағаш ою", "резьба по дереву", "wood carving", ["woodcarving", "Ағаш өңдеу", "резьба"]),
    ("қыш", "керамика", "pottery", ["ceramics", "Қыш құмыра", "гончарное дело"]),
    ("тоқыма", "ткачество", "weaving", ["Тоқу", "weaver"]),
    ("шыны", "стекло", "glass", ["художественное стекло", "glassblowing"]),
    ("құрақ көрпе", "лоскутное шитьё", "kurak korpe patchwork", ["курак корпе", "patchwork", "Құрақ"]),
    (
        "домбыра жасау",
        "изготовление музыкальных инструментов",
        "instrument making",
        ["dombra making", "домбра", "Аспап жасау"],
    ),
    ("кесте", "вышивка", "embroidery", ["Кесте тігу", "вышивание"]),
    ("кілем тоқу", "ковроткачество", "carpet weaving", ["ковры", "rugs", "Кілем"]),
]
ORG_WORDS = ["Шебер", "Өнер", "Мұра", "Шаңырақ", "Алтын қол", "Қолөнер", "Атамекен", "Kazakh Crafts", "Nomad Art"]
OPERATORS = ["701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778"]


@dataclass
class Person:
    pid: int
    gender: str
    given: str
    stem: str
    surname_style: str  # "ov" or "uly"
    father: str | None
    birth_year: int
    region: int
    craft: int
    phones: list[str]
    org: str | None
    email_user: str
    extra: dict = field(default_factory=dict)

    @property
    def surname(self) -> str:
        if self.surname_style == "uly":
            return self.stem + ("ұлы" if self.gender == "m" else "қызы")
        if self.stem.endswith("й"):
            base = self.stem[:-1] + "ев"  # Ыбырай -> Ыбыраев
        else:
            base = self.stem + ("ев" if self.stem[-1] in "аеиоуыіәөүұ" else "ов")
        return base + ("а" if self.gender == "f" else "")

    @property
    def patronymic(self) -> str | None:
        if not self.father:
            return None
        return self.father + ("ұлы" if self.gender == "m" else "қызы")


def zipf_choice(rng: random.Random, items: list[str], s: float = 0.9) -> str:
    # Cached cumulative weights per list: names follow a heavy-tailed distribution, which is what makes
    # namesakes common in real registries.
    key = (id(items), s)
    cum = _ZIPF_CACHE.get(key)
    if cum is None:
        total, cum = 0.0, []
        for i in range(len(items)):
            total += 1.0 / (i + 1) ** s
            cum.append(total)
        _ZIPF_CACHE[key] = cum
    return rng.choices(items, cum_weights=cum)[0]


_ZIPF_CACHE: dict = {}


def translit(text: str, table: dict[str, str]) -> str:
    out = []
    for ch in text:
        low = ch.lower()
        rep = table.get(low, low)
        out.append(rep.capitalize() if ch.isupper() and rep else rep)
    return "".join(out)


def russify(word: str, female: bool) -> str:
    if word in RU_SPECIAL:
        return RU_SPECIAL[word]
    ru = word.translate(KK_TO_RU)
    if word.endswith("ұлы"):
        return ru  # "улы" stays as written
    if female and ru.endswith("л") and ru[-2:-1] in "еиуюя" and not ru.endswith("ел" + "л"):
        ru += "ь"  # Әсел -> Асель, Айгүл -> Айгуль
    return ru


def spell(word: str, style: str, female: bool, rng: random.Random) -> str:
    if style == "kk":
        return word
    if style == "ru":
        return russify(word, female)
    if style == "latn":
        return translit(word, LATN)
    base = russify(word, female) if rng.random() < 0.35 else word
    if style == "passport":
        out = translit(base, PASSPORT)
        if rng.random() < 0.3:  # Assel, Kassym: passport offices double intervocalic s
            out = out[:1] + out[1:].replace("se", "sse").replace("sy", "ssy")
        return out
    return translit(base, PRESS if rng.random() < 0.6 else PRESS_ALT)


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.random()
    if op < 0.3:
        return word[:i] + word[i + 1 :]
    if op < 0.6:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if op < 0.8:
        return word[:i] + word[i] + word[i:]
    pool = "аеиоунрлтк" if "а" <= word[i].lower() <= "я" or word[i].lower() in "әғқңөұүһі" else "aeiounrltk"
    return word[:i] + rng.choice(pool) + word[i + 1 :]


def phone_format(digits10: str, rng: random.Random) -> str:
    a, b, c, d = digits10[:3], digits10[3:6], digits10[6:8], digits10[8:]
    return rng.choice(
        [
            f"+7 {a} {b} {c} {d}",
            f"8({a}){b}{c}{d}",
            f"8{digits10}",
            digits10,
            f"+7{digits10}",
            f"8 {a} {b}-{c}-{d}",
            f"+7 ({a}) {b}-{c}-{d}",
            f"7{digits10}",
        ]
    )


def make_phone(rng: random.Random) -> str:
    return rng.choice(OPERATORS) + f"{rng.randrange(10**7):07d}"


def new_person(
    rng, pid, *, gender=None, stem=None, style=None, father=None, year=None, region=None, craft=None, given=None
):
    gender = gender or ("m" if rng.random() < 0.5 else "f")
    given = given or zipf_choice(rng, MALE if gender == "m" else FEMALE, 0.6)
    stem = stem or zipf_choice(rng, STEMS, 0.6)
    style = style or ("uly" if rng.random() < 0.12 else "ov")
    if father is None and rng.random() < 0.8:
        father = zipf_choice(rng, MALE)
    year = year if year is not None else rng.randint(1945, 2004)
    region = region if region is not None else rng.randrange(len(REGIONS))
    craft = craft if craft is not None else rng.randrange(len(CRAFTS))
    phones = [make_phone(rng)]
    if rng.random() < 0.15:
        phones.append(make_phone(rng))
    org = None
    if rng.random() < 0.7:
        org = f"{rng.choice(ORG_WORDS)} {REGIONS[region][0].split()[0]}"
    user = translit(given, PASSPORT).lower() + rng.choice([".", "_", ""]) + translit(stem, PASSPORT).lower()
    if rng.random() < 0.5:
        user += str(rng.randrange(100))
    return Person(pid, gender, given, stem, style, father, year, region, craft, phones, org, user)


def make_people(n: int, rng: random.Random) -> list[Person]:
    """People with dynasties, namesakes and near twins mixed in at realistic rates."""
    people: list[Person] = []
    while len(people) < n:
        pid = len(people)
        r = rng.random()
        if r < 0.22 and n - len(people) >= 2:
            # A dynasty: a parent and 1-3 children (and sometimes a sibling) in the same craft and region.
            parent = new_person(rng, pid, year=rng.randint(1940, 1978))
            people.append(parent)
            for _ in range(rng.randint(1, 3)):
                if len(people) >= n:
                    break
                g = "m" if rng.random() < 0.5 else "f"
                father = parent.given if parent.gender == "m" else zipf_choice(rng, MALE)
                child = new_person(
                    rng,
                    len(people),
                    gender=g,
                    stem=parent.stem,
                    style=parent.surname_style,
                    father=father,
                    year=parent.birth_year + rng.randint(20, 34),
                    region=parent.region,
                    craft=parent.craft,
                )
                if rng.random() < 0.25:
                    child.phones = [parent.phones[0]]  # the family's one phone, handed to the registrar
                child.org = parent.org if rng.random() < 0.7 else child.org
                people.append(child)
        elif r < 0.27 and people:
            # A namesake: the same full name as somebody already listed, another life.
            other = people[rng.randrange(len(people))]
            people.append(
                new_person(rng, pid, gender=other.gender, given=other.given, stem=other.stem, style=other.surname_style)
            )
        elif r < 0.30 and people:
            # A near twin: same surname, region, craft and birth year, a similar given name.
            other = people[rng.randrange(len(people))]
            names = MALE if other.gender == "m" else FEMALE
            similar = [x for x in names if x != other.given and x[:2] == other.given[:2]] or names
            people.append(
                new_person(
                    rng,
                    pid,
                    gender=other.gender,
                    given=rng.choice(similar),
                    stem=other.stem,
                    style=other.surname_style,
                    father=other.father,
                    year=other.birth_year,
                    region=other.region,
                    craft=other.craft,
                )
            )
        else:
            people.append(new_person(rng, pid))
    return people[:n]


def list_style(rng: random.Random) -> dict:
    """Each regional association fills its spreadsheet its own way."""
    scripts = rng.choice(
        [
            {"kk": 0.6, "ru": 0.3, "passport": 0.1},
            {"ru": 0.7, "kk": 0.2, "passport": 0.1},
            {"passport": 0.5, "press": 0.2, "latn": 0.2, "ru": 0.1},
            {"latn": 0.5, "kk": 0.4, "passport": 0.1},
            {"press": 0.6, "passport": 0.3, "ru": 0.1},
        ]
    )
    return {
        "scripts": scripts,
        "given_first": rng.random() < 0.5,
        "patronymic": rng.random() * 0.8,
        "year": rng.choice([0.4, 0.8, 0.95, 1.0]),
        "region": rng.choice([0.5, 0.9, 1.0]),
        "region_lang": rng.choice(["kk", "ru", "en", "mix"]),
        "craft": rng.choice([0.5, 0.85, 1.0]),
        "phone": rng.choice([0.3, 0.6, 0.9]),
        "email": rng.choice([0.1, 0.3, 0.6]),
        "org": rng.choice([0.0, 0.4, 0.8]),
        "typo": rng.choice([0.03, 0.08, 0.15]),
    }


def render(person: Person, style: dict, rng: random.Random) -> dict[str, str]:
    scripts = style["scripts"]
    script = rng.choices(list(scripts), weights=list(scripts.values()))[0]
    female = person.gender == "f"
    given = spell(person.given, script, female, rng)
    family = person.surname
    family = spell(family, script, female, rng) if script != "ru" else russify(family, female)
    if script == "ru" and family.endswith("улы"):
        family = family[:-3] + rng.choice(["улы", "-улы", " улы"]) if rng.random() < 0.3 else family
    parts = [given, family] if (style["given_first"] ^ (rng.random() < 0.15)) else [family, given]
    patr = person.patronymic
    if patr and rng.random() < style["patronymic"]:
        if script == "ru" and rng.random() < 0.6:
            base = russify(person.father, False)
            patr_text = base + ("ович" if not female else "овна") if base[-1] not in "аяй" else base + "евич"
        else:
            patr_text = spell(patr, script, female, rng)
        if parts[0] == family:
            parts.append(patr_text)  # "Surname Given Patronymic" is the official order
        else:
            parts.insert(1, patr_text) if rng.random() < 0.2 else parts.append(patr_text)
    if rng.random() < style["typo"]:
        k = rng.randrange(len(parts))
        parts[k] = typo(parts[k], rng)
    name = " ".join(parts)
    r = rng.random()
    if r < 0.1:
        name = name.upper()
    elif r < 0.13:
        name = name.lower()
    elif r < 0.16:
        name = "  " + name.replace(" ", "  ") + " "

    year = ""
    if rng.random() < style["year"]:
        y = person.birth_year
        if rng.random() < 0.06:
            y += rng.choice([-1, 1])
        year = str(y)
    region = ""
    if rng.random() < style["region"]:
        kk, ru, en, extra = REGIONS[person.region]
        lang = style["region_lang"] if style["region_lang"] != "mix" else rng.choice(["kk", "ru", "en", "x"])
        region = {"kk": kk, "ru": ru, "en": en}.get(lang) or rng.choice(extra)
        if rng.random() < 0.1:
            region = rng.choice(extra)
    craft = ""
    if rng.random() < style["craft"]:
        kk, ru, en, extra = CRAFTS[person.craft]
        craft = rng.choice([kk, ru, en, kk, ru, rng.choice(extra)])
    phone = ""
    if rng.random() < style["phone"]:
        digits = person.phones[0] if len(person.phones) == 1 or rng.random() < 0.6 else person.phones[1]
        phone = phone_format(digits, rng)
    email = ""
    if rng.random() < style["email"]:
        domain = person.extra.setdefault("domain", rng.choice(["gmail.com", "mail.ru", "inbox.kz", "yandex.kz"]))
        user = person.email_user
        if domain == "gmail.com" and rng.random() < 0.2:
            user = user.replace(".", "") if "." in user else user[:3] + "." + user[3:]
        email = f"{user}@{domain}"
        if rng.random() < 0.2:
            email = email.capitalize() if rng.random() < 0.5 else email.upper()
    org = ""
    if person.org and rng.random() < style["org"]:
        org = person.org if rng.random() < 0.7 else f'ОО "{person.org}"'
    return {
        "full_name": name,
        "birth_year": year,
        "region": region,
        "craft": craft,
        "phone": phone,
        "email": email,
        "organization": org,
    }


def records_per_person(rng: random.Random) -> int:
    return rng.choices([1, 2, 3, 4, 5], weights=[0.35, 0.35, 0.2, 0.07, 0.03])[0]


def generate(people: int, seed: int) -> list[dict[str, str]]:
    """Return records (contract columns plus person_id), shuffled, ids r0000001..."""
    rng = random.Random(seed)
    persons = make_people(people, rng)
    styles = [list_style(rng) for _ in range(max(5, people // 200))]
    rows = []
    for p in persons:
        k = records_per_person(rng)
        for s in rng.sample(range(len(styles)), min(k, len(styles))):
            row = render(p, styles[s], rng)
            row["person_id"] = f"p{p.pid}"
            rows.append(row)
    rng.shuffle(rows)
    for i, row in enumerate(rows):
        row["id"] = f"r{i:07d}"
    return rows


COLUMNS = ["id", "full_name", "birth_year", "region", "craft", "phone", "email", "organization"]


def write(rows: list[dict[str, str]], out: Path) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    records, truth = out / "records.csv", out / "truth.csv"
    with records.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, COLUMNS, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    with truth.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "person_id"])
        w.writerows((r["id"], r["person_id"]) for r in rows)
    return records, truth


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--people", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=Path("var/bench/linkage"))
    args = ap.parse_args(argv)
    rows = generate(args.people, args.seed)
    records, truth = write(rows, args.out)
    print(f"{len(rows)} records for {args.people} people -> {records}, {truth}")


if __name__ == "__main__":
    main()
