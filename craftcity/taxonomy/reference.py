"""The discipline taxonomy shipped with craftcity: creative field → discipline → technique, and materials.

Plain data, loaded by `craftcity load_reference` and keyed by slug, so loading twice changes nothing
and names corrected by staff are not overwritten (only missing languages are filled in).

Crafts follow the research notes in shared/anchors/designations-and-inventories.md §4 (zergerlik,
tekemet, syrmak, tuskiiz, alasha, the ormek loom, yurt making, dombra and kobyz making, leather,
wood, bone, pottery). "Baskur" and "kurak korpe" have no source in those notes (⚠); they are common
terms, kept here until the national ICH inventory (category V) is checked.
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
    DisciplineRow("opera", MUSIC, _t("Опера", "Опера", "Opera")),
    DisciplineRow("orchestral", MUSIC, _t("Оркестр музыкасы", "Оркестровая музыка", "Orchestral music"), [
        ("orchestral-folk-instruments", _t("Халық аспаптар оркестрі", "Оркестр народных инструментов",
                                           "Folk instrument orchestra")),
    ]),
    DisciplineRow("choral", MUSIC, _t("Хор өнері", "Хоровое пение", "Choral singing")),
    DisciplineRow("pop", MUSIC, _t("Эстрада", "Эстрадная музыка", "Pop music")),
]  # fmt: skip

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
        for tech_position, (slug, name) in enumerate(row.techniques):
            upsert_missing(
                Technique, {"slug": slug}, {"discipline": obj, "name": name, "position": tech_position}, stats
            )
    for position, (slug, name) in enumerate(MATERIALS.items()):
        upsert_missing(Material, {"slug": slug}, {"name": name, "position": position}, stats)
    return stats
