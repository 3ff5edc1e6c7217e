"""Pictures the demo city may lawfully show: drawn here, never photographs, and never a portrait of anybody (a
person without a consented photo shows the person ornament, `public/img/ornament-person.svg`).

Every picture is flagged as an illustration in the data (`WorkImage.is_illustration`,
`Pictured.is_image_illustration`), which makes pages say so in the alt text; the records they belong to are demo
data, so `remove_demo` deletes them and their files (`demo_picture_files`)."""

from __future__ import annotations

import io
import math
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

FELT = [(164, 38, 44), (222, 170, 72), (36, 64, 112), (242, 232, 212)]
PATCHWORK = [(176, 52, 48), (230, 184, 84), (44, 92, 128), (94, 128, 80), (240, 228, 204), (120, 60, 96)]
WOOD = [(132, 82, 44), (96, 58, 30), (168, 112, 62)]


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=86)
    return buffer.getvalue()


def _horn(draw: ImageDraw.ImageDraw, x: float, y: float, size: float, colour, flip: int, width: int = 9) -> None:
    """A ram's-horn curl (qoshqar muyiz), the commonest motif of Kazakh felt, as two arcs and a stem."""
    r = size / 2
    draw.arc([x - r, y - r, x + r, y + r], 180 if flip > 0 else 0, 360 if flip > 0 else 180, fill=colour, width=width)
    draw.arc(
        [x - r / 2 - flip * r / 2, y - r / 2, x + r / 2 - flip * r / 2, y + r / 2], 0, 360, fill=colour, width=width
    )
    draw.line([x, y + r * flip * -1, x, y + size * 0.9 * -flip], fill=colour, width=width)


def felt_carpet(seed: int, size=(1600, 1200)) -> bytes:
    """A syrmak-like composition: a bordered field of horn motifs in felt colours, as a JPEG."""
    rng = random.Random(seed)
    ground, motif, border, light = rng.sample(FELT, 4)
    image = Image.new("RGB", size, light)
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.rectangle([40, 40, width - 40, height - 40], fill=ground)
    for step in range(0, width - 200, 60):  # a stepped border, inside the field
        draw.polygon([(80 + step, 80), (110 + step, 50), (140 + step, 80)], fill=border)
        draw.polygon([(80 + step, height - 80), (110 + step, height - 50), (140 + step, height - 80)], fill=border)
    cols, rows = 4, 3
    for row in range(rows):
        for col in range(cols):
            x = 200 + col * (width - 400) / (cols - 1)
            y = 260 + row * (height - 520) / (rows - 1)
            _horn(draw, x - 60, y, 110, motif, 1)
            _horn(draw, x + 60, y, 110, motif, -1)
    return _jpeg(image)


def patchwork(seed: int, size=(1600, 1200)) -> bytes:
    """Kurak korpe: squares of cloth pieced from triangles, each square turned, with a plain border."""
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size, PATCHWORK[4])
    draw = ImageDraw.Draw(image)
    cell = 100
    for top in range(100, height - 100, cell):
        for left in range(100, width - 100, cell):
            a, b = rng.sample(PATCHWORK, 2)
            corners = [(left, top), (left + cell, top), (left + cell, top + cell), (left, top + cell)]
            turn = rng.randrange(4)
            draw.polygon([corners[turn], corners[(turn + 1) % 4], corners[(turn + 2) % 4]], fill=a)
            draw.polygon([corners[(turn + 2) % 4], corners[(turn + 3) % 4], corners[turn]], fill=b)
    draw.rectangle([60, 60, width - 60, height - 60], outline=PATCHWORK[0], width=30)
    return _jpeg(image)


def dombra(seed: int, size=(1200, 1600)) -> bytes:
    """A dombra's silhouette: the pear-shaped body, the long neck with its frets and two pegs."""
    rng = random.Random(seed)
    wood, dark, light = rng.sample(WOOD, 3)
    width, height = size
    image = Image.new("RGB", size, (238, 230, 214))
    draw = ImageDraw.Draw(image)
    cx = width // 2
    draw.ellipse([cx - 300, height - 760, cx + 300, height - 120], fill=wood)  # body
    draw.polygon([(cx - 170, height - 640), (cx + 170, height - 640), (cx + 60, height - 860), (cx - 60, height - 860)],
                 fill=wood)  # fmt: skip
    draw.rectangle([cx - 45, 160, cx + 45, height - 800], fill=dark)  # neck
    for fret in range(220, height - 820, 60):
        draw.line([cx - 45, fret, cx + 45, fret], fill=light, width=6)
    draw.rectangle([cx - 60, 80, cx + 60, 180], fill=dark)  # head
    for y in (110, 150):
        draw.ellipse([cx - 100, y - 14, cx - 60, y + 14], fill=light)
        draw.ellipse([cx + 60, y - 14, cx + 100, y + 14], fill=light)
    draw.ellipse([cx - 70, height - 500, cx + 70, height - 360], outline=dark, width=10)  # rosette
    draw.line([cx - 8, 180, cx - 8, height - 200], fill=(250, 246, 236), width=3)  # two strings
    draw.line([cx + 8, 180, cx + 8, height - 200], fill=(250, 246, 236), width=3)
    return _jpeg(image)


def kobyz(seed: int, size=(1200, 1600)) -> bytes:
    """A kyl-kobyz: a ladle-shaped open bowl, a short curved neck, a scroll head, a bow beside it."""
    rng = random.Random(seed)
    wood, dark, light = rng.sample(WOOD, 3)
    width, height = size
    image = Image.new("RGB", size, (234, 228, 220))
    draw = ImageDraw.Draw(image)
    cx = width // 2 - 80
    draw.ellipse([cx - 260, height - 820, cx + 260, height - 160], fill=wood)  # bowl
    draw.ellipse([cx - 170, height - 760, cx + 170, height - 480], fill=dark)  # the open upper half
    draw.polygon([(cx - 90, height - 800), (cx + 90, height - 800), (cx + 50, 360), (cx - 50, 360)], fill=wood)
    draw.arc([cx - 160, 160, cx + 60, 400], 270, 90, fill=dark, width=60)  # scroll
    for x in (-12, 12):
        draw.line([cx + x, 380, cx + x, height - 220], fill=(246, 240, 228), width=4)
    for step in range(9):  # the bow: an arc of horse hair
        angle = math.radians(200 + step * 6)
        draw.line([width - 200, 260, width - 200 + 60 * math.cos(angle), height - 260], fill=light, width=3)
    draw.line([width - 200, 240, width - 200, height - 240], fill=dark, width=18)
    return _jpeg(image)


def yurt(seed: int, size=(1600, 1000)) -> bytes:
    """A workshop or venue drawn as a yurt: felt walls with a band of horn motifs, the shanyrak crown, the sky."""
    rng = random.Random(seed)
    sky = rng.choice([(196, 218, 232), (232, 210, 180), (210, 224, 214)])
    felt, band, door = (244, 238, 224), rng.choice(FELT[:3]), rng.choice(FELT[:3])
    width, height = size
    image = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, height - 180, width, height], fill=(132, 150, 96))  # steppe
    cx, base = width // 2, height - 180
    draw.rectangle([cx - 420, base - 300, cx + 420, base], fill=felt)
    draw.pieslice([cx - 460, base - 620, cx + 460, base - 40], 180, 360, fill=felt)
    draw.rectangle([cx - 420, base - 250, cx + 420, base - 190], fill=band)
    for x in range(cx - 380, cx + 380, 120):
        _horn(draw, x + 30, base - 220, 36, felt, 1, width=5)
    draw.ellipse([cx - 70, base - 360, cx + 70, base - 290], outline=(96, 58, 30), width=10)  # shanyrak
    draw.line([cx - 50, base - 325, cx + 50, base - 325], fill=(96, 58, 30), width=6)
    draw.rectangle([cx - 70, base - 200, cx + 70, base], fill=door)
    return _jpeg(image)


def emblem(seed: int, size=(800, 800)) -> bytes:
    """An organization's emblem: a diamond (tumar-like) frame with a pair of horns, on a plain ground."""
    rng = random.Random(seed)
    ground, motif = rng.sample([(242, 236, 222), (36, 64, 112), (164, 38, 44), (222, 170, 72)], 2)
    width, height = size
    image = Image.new("RGB", size, ground)
    draw = ImageDraw.Draw(image)
    c = width // 2
    draw.polygon([(c, 80), (width - 80, c), (c, height - 80), (80, c)], outline=motif, width=24)
    draw.polygon([(c, 200), (width - 200, c), (c, height - 200), (200, c)], outline=motif, width=10)
    _horn(draw, c - 60, c + 20, 100, motif, 1, width=14)
    _horn(draw, c + 60, c + 20, 100, motif, -1, width=14)
    return _jpeg(image)


def poster(seed: int, size=(1600, 1000)) -> bytes:
    """An event drawn as a festival banner: rows of tumar triangles and horn motifs, no words."""
    rng = random.Random(seed)
    ground, a, b = rng.sample(FELT, 3)
    width, height = size
    image = Image.new("RGB", size, ground)
    draw = ImageDraw.Draw(image)
    for row, top in enumerate(range(60, height - 60, 180)):
        for left in range(40 + (row % 2) * 80, width - 100, 160):
            draw.polygon([(left, top + 140), (left + 70, top), (left + 140, top + 140)], fill=a if row % 2 else b)
    _horn(draw, width / 2 - 120, height / 2, 200, (250, 246, 236), 1, width=22)
    _horn(draw, width / 2 + 120, height / 2, 200, (250, 246, 236), -1, width=22)
    return _jpeg(image)


def felt_carpet_upload(seed: int, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, felt_carpet(seed), content_type="image/jpeg")


def upload(drawing, seed: int, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, drawing(seed), content_type="image/jpeg")


def _t(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


# What each drawing shows. The pages add "illustration, not a photograph" from the data's flag.
ILLUSTRATION_ALT = _t(
    "Қошқар мүйіз өрнегі бар текемет (демо үшін салынған сурет).",
    "Войлочный ковёр с орнаментом «кошкар мюйиз» (рисунок для демо).",
    "A felt carpet with ram's-horn ornament (drawn for the demo).",
)
ALTS = {
    "patchwork": _t(
        "Үшбұрыштардан құралған құрақ көрпе (демо үшін салынған сурет).",
        "Лоскутное одеяло курак корпе из треугольников (рисунок для демо).",
        "A kurak korpe patchwork quilt pieced from triangles (drawn for the demo).",
    ),
    "dombra": _t(
        "Домбыраның сұлбасы: алмұрт пішінді шанағы мен ұзын мойны (демо үшін салынған сурет).",
        "Силуэт домбры: грушевидный корпус и длинный гриф (рисунок для демо).",
        "A dombra's silhouette: pear-shaped body and long neck (drawn for the demo).",
    ),
    "kobyz": _t(
        "Қылқобыз бен садақтың сұлбасы (демо үшін салынған сурет).",
        "Силуэт кыл-кобыза и смычка (рисунок для демо).",
        "A kyl-kobyz and its bow in silhouette (drawn for the demo).",
    ),
    "yurt": _t(
        "Киіз үй: шаңырағы мен мүйіз өрнекті баскүрі (демо үшін салынған сурет).",
        "Юрта с шаныраком и поясом с роговым орнаментом (рисунок для демо).",
        "A yurt with its shanyrak crown and a band of horn ornament (drawn for the demo).",
    ),
    "emblem": _t(
        "Мүйіз өрнегі бар ромб тәрізді белгі (демо үшін салынған сурет).",
        "Эмблема-ромб с роговым орнаментом (рисунок для демо).",
        "A diamond emblem with a pair of ram's horns (drawn for the demo).",
    ),
    "poster": _t(
        "Тұмар үшбұрыштары мен мүйіз өрнегі бар мерекелік сурет (демо үшін салынған).",
        "Праздничный рисунок из треугольников-тумаров и рогового орнамента (рисунок для демо).",
        "A festive pattern of tumar triangles and ram's horns (drawn for the demo).",
    ),
}

PLACES_ILLUSTRATED = 40  # the first demo places (by id) get a drawing; more would only slow the demo's loading


def load_illustrations(*, stats: dict) -> None:
    """Give the demo's organizations, events and first places a drawn picture (never its people)."""
    from craftcity.events.models import Event
    from craftcity.events.services import event_image_set
    from craftcity.organizations.models import Organization
    from craftcity.organizations.services import organization_image_set
    from craftcity.places.models import Place
    from craftcity.places.services import place_image_set

    from .upsert import bump

    for organization in Organization.objects.filter(is_demo=True, image="").order_by("pk"):
        organization_image_set(organization=organization, upload=upload(emblem, organization.pk, "emblem.jpg"),
                               alt=ALTS["emblem"], is_illustration=True)  # fmt: skip
        bump(stats, "organizations.organization.illustrated")
    for event in Event.objects.filter(is_demo=True, image="").order_by("pk"):
        event_image_set(event=event, upload=upload(poster, event.pk, "poster.jpg"), alt=ALTS["poster"],
                        is_illustration=True)  # fmt: skip
        bump(stats, "events.event.illustrated")
    for place in Place.objects.filter(is_demo=True, image="").order_by("pk")[:PLACES_ILLUSTRATED]:
        place_image_set(place=place, upload=upload(yurt, place.pk, "yurt.jpg"), alt=ALTS["yurt"], is_illustration=True)
        bump(stats, "places.place.illustrated")


def demo_picture_files() -> list[tuple]:
    """(storage, name) of every picture on a demo record, for `remove_demo` to delete once its rows are gone."""
    from craftcity.events.models import Event
    from craftcity.organizations.models import Organization
    from craftcity.places.models import Place
    from craftcity.works.models import WorkImage

    files = [
        (field.storage, field.name)
        for image in WorkImage.objects.filter(work__is_demo=True)
        for field in (image.original, image.web, image.thumbnail)
        if field
    ]
    from craftcity.people.models import Person

    files += [
        (p.photo.storage, p.photo.name) for p in Person.objects.filter(is_demo=True).exclude(photo="").only("photo")
    ]
    for model in (Organization, Event, Place):
        files += [(record.image.storage, record.image.name) for record in model.objects.filter(is_demo=True)
                  .exclude(image="").only("pk", "image")]  # fmt: skip
    return files
