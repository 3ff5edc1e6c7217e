"""Pictures the demo city may lawfully show: drawn here, never photographs. Each is marked as an illustration in
its alt text (and its work is demo data, removed with `remove_demo`)."""

from __future__ import annotations

import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

FELT = [(164, 38, 44), (222, 170, 72), (36, 64, 112), (242, 232, 212)]


def _horn(draw: ImageDraw.ImageDraw, x: float, y: float, size: float, colour, flip: int) -> None:
    """A ram's-horn curl (qoshqar muyiz), the commonest motif of Kazakh felt, as two arcs and a stem."""
    r = size / 2
    draw.arc([x - r, y - r, x + r, y + r], 180 if flip > 0 else 0, 360 if flip > 0 else 180, fill=colour, width=9)
    draw.arc([x - r / 2 - flip * r / 2, y - r / 2, x + r / 2 - flip * r / 2, y + r / 2], 0, 360, fill=colour, width=9)
    draw.line([x, y + r * flip * -1, x, y + size * 0.9 * -flip], fill=colour, width=9)


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
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def felt_carpet_upload(seed: int, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, felt_carpet(seed), content_type="image/jpeg")


ILLUSTRATION_ALT = {
    "kk": "Демо үшін салынған иллюстрация, фотосурет емес: қошқар мүйіз өрнегі бар текемет.",
    "ru": "Иллюстрация, нарисованная для демо, не фотография: войлочный ковёр с орнаментом «кошкар мюйиз».",
    "en": "An illustration drawn for the demo, not a photograph: a felt carpet with ram's-horn ornament.",
}
