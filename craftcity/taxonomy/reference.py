"""The discipline taxonomy shipped with craftcity: creative field → discipline → technique, and materials.

Plain data, loaded by `craftcity load_reference` and keyed by slug, so loading twice changes nothing
and names corrected by staff are not overwritten (only missing languages are filled in).

Sources:
- Crafts follow the research notes in shared/anchors/designations-and-inventories.md §4 (zergerlik,
  tekemet, syrmak, tuskiiz, alasha, the ormek loom, yurt making, dombra and kobyz making, leather,
  wood, bone, pottery: ichlinks.com ICH elements, kazakhstan-tourist.isd.kz, eurasia.travel, silkwaytv.kz).
- ⚠ "Baskur", "kurak korpe", embroidery (кесте), saddlery (ер-тоқым), blacksmithing (ұсталық),
  calligraphy and epic singing (жыршылық/жыраулық) have no source in those notes; they are the crafts issue
  #12 lists as those a registrar meets in regional lists, kept here until the national ICH inventory
  (category V) is checked.
- Synonyms are the words regional lists actually use for a craft, in kk, ru and en, with the common Latin
  spellings of the Kazakh words (keste, kilem, zergerlik); an import finds a craft by any of them
  (taxonomy/matching.py). The Kazakh terms follow the Kazakh explanatory dictionary's spellings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

CRAFTS = "crafts-and-folk-art"
MUSIC = "music"


def _t(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


# slug → name
CREATIVE_FIELDS: dict[str, dict[str, str]] = {
    CRAFTS: _t("Қолөнер және халықтық өнер", "Ремёсла и народное искусство", "Crafts and folk art"),
    MUSIC: _t("Музыка", "Музыка", "Music"),
}


@dataclass(frozen=True)
class DisciplineRow:
    slug: str
    field: str
    name: dict[str, str]
    # (slug, name); technique slugs are global, so they carry the discipline as a prefix
    techniques: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    # the materials a practitioner of this discipline typically works in (used for suggestions and the demo)
    materials: list[str] = field(default_factory=list)
    aat_id: str = ""

    @property
    def synonyms(self) -> list[str]:
        return SYNONYMS.get(self.slug, [])


DISCIPLINES: list[DisciplineRow] = [
    # --- crafts and folk art ---
    DisciplineRow("jewellery", CRAFTS, _t("Зергерлік өнер", "Ювелирное искусство", "Jewellery (zergerlik)"), [
        ("jewellery-engraving", _t("Гравировкалау", "Гравировка", "Engraving")),
        ("jewellery-granulation", _t("Түйіршіктеу", "Зернь", "Granulation")),
        ("jewellery-filigree", _t("Сым өрнек (филигрань)", "Филигрань (скань)", "Filigree")),
        ("jewellery-stamping", _t("Қалыптау", "Штамповка", "Stamping")),
        ("jewellery-chasing", _t("Бедерлеу", "Чеканка", "Chasing")),
        ("jewellery-inlay", _t("Көз қондыру", "Инкрустация камнями", "Stone inlay")),
        ("jewellery-niello", _t("Қаралау", "Чернение", "Niello")),
        ("jewellery-enamel", _t("Эмальдау", "Эмаль", "Enamel")),
    ], ["silver", "gold", "copper", "gemstones", "stone"]),
    DisciplineRow("felt", CRAFTS, _t("Киіз басу", "Войлоковаляние", "Felt making"), [
        ("felt-felting", _t("Киіз басу (жүн басу)", "Валяние", "Felting")),
        ("felt-tekemet", _t("Текемет", "Текемет", "Tekemet (rolled felt carpet)")),
        ("felt-syrmak", _t("Сырмақ", "Сырмак", "Syrmak (sewn mosaic felt)")),
        ("felt-tuskiiz", _t("Тұскиіз", "Тускииз", "Tuskiiz (sewn wall hanging)")),
    ], ["wool", "felt"]),
    DisciplineRow("leather", CRAFTS, _t("Тері өңдеу", "Обработка кожи", "Leatherwork"), [
        ("leather-embossing", _t("Теріге бедер салу", "Тиснение по коже", "Leather embossing")),
        ("leather-tanning", _t("Тері илеу", "Выделка кожи", "Tanning")),
        ("leather-harness", _t("Ер-тұрман жасау", "Изготовление конской сбруи", "Horse harness making")),
    ], ["leather"]),
    DisciplineRow("wood-carving", CRAFTS, _t("Ағаш ою", "Резьба по дереву", "Wood carving"), [
        ("wood-relief-carving", _t("Бедерлі ою", "Рельефная резьба", "Relief carving")),
        ("wood-openwork-carving", _t("Тесік ою", "Ажурная резьба", "Openwork carving")),
        ("wood-pyrography", _t("Күйдіріп өрнектеу", "Выжигание", "Pyrography")),
    ], ["wood", "bone"]),
    DisciplineRow("pottery", CRAFTS, _t("Қыш құмыра", "Гончарство и керамика", "Pottery and ceramics"), [
        ("pottery-wheel-throwing", _t("Шарықта жасау", "Работа на гончарном круге", "Wheel throwing")),
        ("pottery-hand-building", _t("Қолмен мүсіндеу", "Ручная лепка", "Hand building")),
        ("pottery-glazing", _t("Сырлау", "Глазурование", "Glazing")),
    ], ["clay"]),
    DisciplineRow("weaving", CRAFTS, _t("Кілем тоқу", "Ткачество и ковроделие", "Weaving and carpets"), [
        ("weaving-alasha", _t("Алаша", "Алаша", "Alasha (flat-woven strips)")),
        ("weaving-ormek", _t("Өрмек тоқу", "Ткачество на станке өрмек", "Ormek loom weaving")),
        ("weaving-pile-carpet", _t("Түкті кілем", "Ворсовый ковёр", "Pile carpet")),
        ("weaving-baskur", _t("Басқұр", "Баскур", "Baskur (yurt band)")),
        ("weaving-chiy", _t("Ши тоқу", "Плетение чия", "Chiy (reed screen) weaving")),
    ], ["wool", "cotton", "chiy-reed"]),
    DisciplineRow("textiles", CRAFTS, _t("Тоқыма", "Текстиль", "Textiles"), [
        ("textiles-embroidery", _t("Кесте", "Вышивка", "Embroidery")),
        ("textiles-applique", _t("Жапсырма", "Аппликация", "Appliqué")),
    ], ["cotton", "silk", "wool"]),
    DisciplineRow("glass", CRAFTS, _t("Шыны", "Художественное стекло", "Glass"), [
        ("glass-blowing", _t("Шыны үрлеу", "Выдувание стекла", "Glassblowing")),
        ("glass-casting", _t("Шыны құю", "Литьё стекла", "Glass casting")),
        ("glass-fusing", _t("Фьюзинг", "Фьюзинг", "Fusing")),
    ], ["glass"]),
    DisciplineRow("kurak-korpe", CRAFTS, _t("Құрақ көрпе", "Курак корпе (лоскутное шитьё)", "Kurak korpe patchwork"), [
        ("kurak-piecing", _t("Құрақ құрау", "Лоскутное шитьё", "Patchwork piecing")),
        ("kurak-quilting", _t("Көрпе сыру", "Стёжка", "Quilting")),
    ], ["cotton", "silk"]),
    DisciplineRow("bone-carving", CRAFTS, _t("Сүйек ою", "Резьба по кости", "Bone carving"), [
        ("bone-relief-carving", _t("Сүйекке бедер салу", "Рельефная резьба по кости", "Relief carving in bone")),
        ("bone-inlay", _t("Сүйек қондыру", "Инкрустация костью", "Bone inlay")),
    ], ["bone", "horn"]),
    DisciplineRow("yurt-making", CRAFTS, _t("Киіз үй жасау", "Изготовление юрты", "Yurt making"), [
        ("yurt-kerege", _t("Кереге жасау", "Изготовление кереге", "Kerege (lattice wall) making")),
        ("yurt-uyk", _t("Уық жасау", "Изготовление уыков", "Uyk (roof pole) making")),
        ("yurt-shanyrak", _t("Шаңырақ жасау", "Изготовление шанырака", "Shanyrak (crown) making")),
    ], ["wood", "felt", "wool", "leather"]),
    DisciplineRow("instrument-making", CRAFTS,
                  _t("Музыкалық аспап жасау", "Изготовление музыкальных инструментов", "Musical instrument making"), [
        ("instrument-dombra", _t("Домбыра жасау", "Изготовление домбры", "Dombra making")),
        ("instrument-kobyz", _t("Қобыз жасау", "Изготовление кобыза", "Kobyz making")),
        ("instrument-sybyzgy", _t("Сыбызғы жасау", "Изготовление сыбызгы", "Sybyzgy making")),
        ("instrument-zhetigen", _t("Жетіген жасау", "Изготовление жетигена", "Zhetigen making")),
    ], ["wood", "horsehair", "gut", "bone", "leather"]),
    DisciplineRow("embroidery", CRAFTS, _t("Кесте", "Вышивка", "Embroidery"), [
        ("embroidery-satin-stitch", _t("Біз кесте", "Гладь", "Satin stitch")),
        ("embroidery-chain-stitch", _t("Тізбек кесте", "Тамбурный шов", "Chain stitch")),
        ("embroidery-gold-thread", _t("Зер кесте", "Золотое шитьё", "Goldwork")),
    ], ["silk", "cotton", "wool"]),
    DisciplineRow("saddlery", CRAFTS, _t("Ер-тоқым жасау", "Седельное дело", "Saddlery"), [
        ("saddlery-saddle", _t("Ер жасау", "Изготовление седла", "Saddle making")),
        ("saddlery-harness", _t("Ер-тұрман әшекейі", "Украшение конского снаряжения", "Harness decoration")),
    ], ["wood", "leather", "silver"]),
    DisciplineRow("blacksmithing", CRAFTS, _t("Ұсталық", "Кузнечное дело", "Blacksmithing"), [
        ("blacksmithing-forging", _t("Темір соғу", "Ковка", "Forging")),
    ], ["iron", "copper"]),
    DisciplineRow("calligraphy", CRAFTS, _t("Каллиграфия", "Каллиграфия", "Calligraphy"), [],
                  ["paper"]),
    # --- music ---
    DisciplineRow("aitys", MUSIC, _t("Айтыс", "Айтыс", "Aitys"), [
        ("aitys-improvisation", _t("Суырыпсалма ақындық", "Поэтическая импровизация", "Poetic improvisation")),
    ]),
    DisciplineRow("kui", MUSIC, _t("Күй және домбыра", "Кюй и домбра", "Kui and dombra"), [
        ("kui-tokpe", _t("Төкпе күй", "Тёкпе кюй", "Tokpe kui (strummed)")),
        ("kui-shertpe", _t("Шертпе күй", "Шертпе кюй", "Shertpe kui (plucked)")),
    ]),
    DisciplineRow("kobyz", MUSIC, _t("Қобыз", "Кобыз", "Kobyz"), [
        ("kobyz-kylkobyz", _t("Қылқобызда орындау", "Игра на кыл-кобызе", "Kyl-kobyz playing")),
    ]),
    DisciplineRow("folk-song", MUSIC, _t("Халық әні", "Народная песня", "Folk song"), [
        ("folk-song-terme", _t("Терме", "Терме", "Terme (didactic recitative)")),
        ("folk-song-zhyr", _t("Жыр", "Жыр (эпос)", "Zhyr (epic singing)")),
    ]),
    DisciplineRow("epic-singing", MUSIC, _t("Жыршылық", "Эпическое сказительство (жыр)", "Zhyr (epic singing)"), [
    ]),
    DisciplineRow("opera", MUSIC, _t("Опера", "Опера", "Opera")),
    DisciplineRow("orchestral", MUSIC, _t("Оркестр музыкасы", "Оркестровая музыка", "Orchestral music"), [
        ("orchestral-folk-instruments", _t("Халық аспаптар оркестрі", "Оркестр народных инструментов",
                                           "Folk instrument orchestra")),
    ]),
    DisciplineRow("choral", MUSIC, _t("Хор өнері", "Хоровое пение", "Choral singing")),
    DisciplineRow("pop", MUSIC, _t("Эстрада", "Эстрадная музыка", "Pop music")),
]  # fmt: skip

# slug → other words for the discipline in kk, ru and en, as lists write them (see the module's docstring)
SYNONYMS: dict[str, list[str]] = {
    "jewellery": [
        "зергер",
        "зергерлік",
        "зергерлік бұйымдар",
        "ювелир",
        "ювелирное дело",
        "ювелирное искусство",
        "ювелирные изделия",
        "jeweller",
        "jeweler",
        "jewelry",
        "silversmith",
        "zergerlik",
        "zerger",
        "күміс ұстасы",
        "серебряных дел мастер",
    ],
    "felt": [
        "киіз",
        "киіз басу",
        "текемет",
        "сырмақ",
        "войлок",
        "войлоковаляние",
        "валяние",
        "валяльщица",
        "кошма",
        "сырмак",
        "felt",
        "felting",
        "kiiz",
        "tekemet",
        "syrmak",
    ],
    "leather": [
        "тері",
        "тері өңдеу",
        "былғары",
        "кожа",
        "кожевник",
        "изделия из кожи",
        "тиснение по коже",
        "leather",
        "tannery",
        "teri",
    ],
    "wood-carving": [
        "ағаш",
        "ағаш шебері",
        "ағаш ұстасы",
        "ағаш өңдеу",
        "ою",
        "резьба",
        "резчик по дереву",
        "деревообработка",
        "woodcarving",
        "woodwork",
        "woodworking",
        "agash oyu",
    ],
    "pottery": [
        "қыш",
        "қышшы",
        "керамика",
        "гончар",
        "гончарное дело",
        "гончарство",
        "ceramics",
        "ceramic",
        "potter",
        "kysh",
    ],
    "weaving": [
        "кілем",
        "кілемші",
        "тоқу",
        "тоқымашы",
        "алаша",
        "өрмек",
        "ковёр",
        "ковер",
        "ковроткачество",
        "ковроделие",
        "ткачество",
        "ткачиха",
        "carpet",
        "carpet weaving",
        "rug weaving",
        "weaving",
        "kilem",
        "alasha",
    ],
    "textiles": [
        "тоқыма",
        "мата",
        "текстиль",
        "аппликация",
        "textile",
        "tokyma",
    ],
    "glass": [
        "шыны",
        "стекло",
        "стеклодув",
        "витраж",
        "glassblowing",
        "stained glass",
        "shyny",
    ],
    "kurak-korpe": [
        "құрақ",
        "құрақ көрпе",
        "құрақшы",
        "курак",
        "курак корпе",
        "лоскутное шитьё",
        "лоскутное шитье",
        "пэчворк",
        "patchwork",
        "quilt",
        "quilting",
        "kurak",
    ],
    "bone-carving": [
        "сүйек",
        "сүйек ою",
        "сүйекші",
        "кость",
        "резьба по кости",
        "косторез",
        "bone",
        "suyek",
    ],
    "yurt-making": [
        "киіз үй",
        "киіз үй жасау",
        "үйші",
        "юрта",
        "юрточник",
        "изготовление юрт",
        "yurt",
        "kiiz ui",
        "kiiz uy",
    ],
    "instrument-making": [
        "аспап жасау",
        "аспап шебері",
        "домбыра жасау",
        "қобыз жасау",
        "музыкальные инструменты",
        "мастер музыкальных инструментов",
        "изготовление домбры",
        "instrument maker",
        "luthier",
        "dombra making",
        "aspap",
    ],
    "embroidery": [
        "кесте",
        "кестеші",
        "кесте тігу",
        "кестелеу",
        "ине өнері",
        "вышивка",
        "вышивание",
        "вышивальщица",
        "художественная вышивка",
        "вышивка гладью",
        "embroidery",
        "embroiderer",
        "needlework",
        "keste",
        "kesteshi",
    ],
    "saddlery": [
        "ер-тоқым",
        "ер тоқым",
        "ерші",
        "ер-тұрман",
        "седло",
        "седельщик",
        "шорник",
        "шорное дело",
        "конская сбруя",
        "saddle",
        "saddler",
        "saddle maker",
        "harness maker",
        "er-tokym",
    ],
    "blacksmithing": [
        "ұста",
        "темір ұстасы",
        "темірші",
        "кузнец",
        "кузнечное ремесло",
        "художественная ковка",
        "ковка",
        "blacksmith",
        "smith",
        "ironwork",
        "usta",
        "ustalyk",
    ],
    "calligraphy": [
        "көркем жазу",
        "каллиграф",
        "хаттаттық",
        "хаттат",
        "calligrapher",
        "lettering",
        "kalligrafiya",
    ],
    "aitys": [
        "айтыскер",
        "ақын",
        "ақындар айтысы",
        "акын",
        "импровизация",
        "aitys",
        "aitysker",
        "akyn",
    ],
    "kui": [
        "күй",
        "күйші",
        "домбыра",
        "домбырашы",
        "домбра",
        "домбрист",
        "кюй",
        "кюйши",
        "dombra",
        "dombyra",
        "dombra player",
        "kuishi",
    ],
    "kobyz": [
        "қобыз",
        "қобызшы",
        "қылқобыз",
        "кобыз",
        "кобызист",
        "kobyz player",
        "qobyz",
    ],
    "folk-song": [
        "ән",
        "әнші",
        "халық әндері",
        "терме",
        "термеші",
        "народные песни",
        "певец",
        "folk singing",
        "folk songs",
        "terme",
    ],
    "epic-singing": [
        "жыр",
        "жыршы",
        "жырау",
        "жыраулық",
        "дастан",
        "эпос",
        "сказитель",
        "жырши",
        "жырау",
        "epic",
        "epic singer",
        "epic poetry",
        "zhyr",
        "zhyrau",
        "zhyrshy",
    ],
    "opera": [
        "опера",
        "опера әншісі",
        "оперный певец",
        "оперное пение",
        "opera singer",
    ],
    "orchestral": [
        "оркестр",
        "оркестрант",
        "симфониялық оркестр",
        "оркестровая музыка",
        "симфонический оркестр",
        "orchestra",
        "symphony orchestra",
    ],
    "choral": [
        "хор",
        "хорист",
        "хоровое пение",
        "choir",
        "chorus",
    ],
    "pop": [
        "эстрада",
        "эстрада әншісі",
        "эстрадная музыка",
        "поп",
        "поп-музыка",
        "pop",
        "pop singer",
        "estrada",
    ],
}

# slug → name
MATERIALS: dict[str, dict[str, str]] = {
    "silver": _t("Күміс", "Серебро", "Silver"),
    "gold": _t("Алтын", "Золото", "Gold"),
    "copper": _t("Мыс", "Медь", "Copper"),
    "gemstones": _t("Асыл тастар", "Драгоценные камни", "Gemstones"),
    "stone": _t("Тас", "Камень", "Stone"),
    "wool": _t("Жүн", "Шерсть", "Wool"),
    "felt": _t("Киіз", "Войлок", "Felt"),
    "leather": _t("Тері", "Кожа", "Leather"),
    "wood": _t("Ағаш", "Дерево", "Wood"),
    "clay": _t("Саз", "Глина", "Clay"),
    "glass": _t("Шыны", "Стекло", "Glass"),
    "horsehair": _t("Жылқы қылы", "Конский волос", "Horsehair"),
    "gut": _t("Ішек", "Жильные струны", "Gut"),
    "bone": _t("Сүйек", "Кость", "Bone"),
    "horn": _t("Мүйіз", "Рог", "Horn"),
    "cotton": _t("Мақта", "Хлопок", "Cotton"),
    "silk": _t("Жібек", "Шёлк", "Silk"),
    "chiy-reed": _t("Ши", "Чий", "Chiy reed"),
    "iron": _t("Темір", "Железо", "Iron"),
    "paper": _t("Қағаз", "Бумага", "Paper"),
}


def discipline(slug: str) -> DisciplineRow:
    return next(row for row in DISCIPLINES if row.slug == slug)


@transaction.atomic
def load(stats: dict | None = None) -> dict:
    """Create the fields, disciplines, techniques and materials that are missing. Returns counts of what changed."""
    from craftcity.demo.upsert import upsert_missing

    from .models import CreativeField, Discipline, Material, Technique

    stats = {} if stats is None else stats
    fields = {}
    for position, (slug, name) in enumerate(CREATIVE_FIELDS.items()):
        fields[slug] = upsert_missing(CreativeField, {"slug": slug}, {"name": name, "position": position}, stats)
    for position, row in enumerate(DISCIPLINES):
        obj = upsert_missing(
            Discipline,
            {"slug": row.slug},
            {"field": fields[row.field], "name": row.name, "aat_id": row.aat_id, "position": position},
            stats,
        )
        # Synonyms only ever grow: those staff added stay, the shipped ones that are missing are added.
        missing = [word for word in row.synonyms if word not in obj.synonyms]
        if missing:
            obj.synonyms = [*obj.synonyms, *missing]
            obj.save(update_fields=["synonyms"])
            stats["synonyms"] = stats.get("synonyms", 0) + len(missing)
        for tech_position, (slug, name) in enumerate(row.techniques):
            upsert_missing(
                Technique, {"slug": slug}, {"discipline": obj, "name": name, "position": tech_position}, stats
            )
    for position, (slug, name) in enumerate(MATERIALS.items()):
        upsert_missing(Material, {"slug": slug}, {"name": name, "position": position}, stats)
    return stats
