"""Catalogue fixtures: a craft or two, a collection, works built through the services, images with GPS."""

import io
import itertools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from craftcity.taxonomy.models import CreativeField, Discipline
from craftcity.works import services

_seq = itertools.count(1)


@pytest.fixture
def crafts(db):
    field = CreativeField.objects.create(slug="crafts", name={"en": "Crafts and folk art"})
    return {
        "jewellery": Discipline.objects.create(
            slug="jewellery", field=field, name={"en": "Jewellery", "kk": "Зергерлік"}
        ),
        "felt": Discipline.objects.create(slug="felt", field=field, name={"en": "Felt"}),
    }


@pytest.fixture
def collection(db):
    return services.collection_create(slug="museum", name={"kk": "Мұражай", "ru": "Музей", "en": "Museum"})


@pytest.fixture
def make_work(db, make_person):
    def make(title=None, *, publish=True, makers=None, **fields):
        n = next(_seq)
        if makers is None:
            makers = [make_person(f"Шебер Тест{n}")]
        work = services.work_create(
            title=title or {"kk": f"Туынды {n}", "ru": f"Работа {n}", "en": f"Work {n}"}, makers=makers, **fields
        )
        if publish:
            services.work_publish(work=work)
        return work

    return make


def jpeg_with_gps(size=(640, 480), color=(200, 120, 40)) -> bytes:
    """A JPEG whose EXIF holds GPS coordinates (somewhere in Almaty) and a camera model."""
    image = Image.new("RGB", size, color)
    exif = Image.Exif()
    exif[0x0110] = "Test Camera"  # Model
    gps = {1: "N", 2: (43.0, 15.0, 30.0), 3: "E", 4: (76.0, 56.0, 45.0)}
    exif[0x8825] = gps
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def upload(content: bytes, name="photo.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def gps_jpeg():
    return jpeg_with_gps()
