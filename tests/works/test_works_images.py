"""Uploads: only real images within limits; derivatives carry no EXIF, GPS or XMP."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from craftcity.works import services
from craftcity.works.models import WorkImage

from .conftest import jpeg_with_gps, upload


def test_the_test_image_really_carries_gps(gps_jpeg):
    exif = Image.open(io.BytesIO(gps_jpeg)).getexif()
    assert exif.get_ifd(0x8825)[2] == (43.0, 15.0, 30.0)


def test_derivatives_have_no_gps_nor_any_exif(make_work, gps_jpeg):
    work = make_work()
    image = services.work_image_add(work=work, upload=upload(gps_jpeg), alt={"en": "A ring", "kk": "Жүзік"})
    for field in (image.web, image.thumbnail):
        field.open("rb")
        data = field.read()
        field.close()
        derived = Image.open(io.BytesIO(data))
        assert derived.format == "JPEG"
        assert not derived.getexif().get_ifd(0x8825)
        assert len(derived.getexif()) == 0
        assert b"Exif" not in data[:2000] and b"Test Camera" not in data
    assert (image.width, image.height) == (640, 480)
    assert max(image.thumbnail_width, image.thumbnail_height) == 300
    assert image.alt["kk"] == "Жүзік"


def test_a_text_file_named_jpg_is_refused_and_nothing_is_saved(make_work):
    work = make_work()
    with pytest.raises(ValidationError, match="not an image"):
        services.work_image_add(work=work, upload=upload(b"<?php echo 'hi'; ?>" * 50))
    assert not WorkImage.objects.exists()


def test_a_gif_is_refused_by_name_of_its_format(make_work):
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "GIF")
    with pytest.raises(ValidationError, match="JPEG, PNG, WebP or TIFF; this file is GIF"):
        services.work_image_add(work=make_work(), upload=upload(buffer.getvalue(), "x.gif", "image/gif"))


def test_an_oversized_upload_is_refused_with_the_limit(make_work, settings, gps_jpeg):
    settings.CRAFTCITY_IMAGE_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match=r"“photo.jpg” is .+; files over 1000 bytes are not accepted"):
        services.work_image_add(work=make_work(), upload=upload(gps_jpeg))
    assert not WorkImage.objects.exists()


def test_a_decompression_bomb_is_refused(make_work, settings):
    settings.CRAFTCITY_IMAGE_MAX_PIXELS = 1_000_000
    buffer = io.BytesIO()
    Image.new("L", (4000, 4000)).save(buffer, "PNG")  # tiny file, 16 million pixels
    assert len(buffer.getvalue()) < 200_000
    with pytest.raises(ValidationError, match="too many pixels"):
        services.work_image_add(work=make_work(), upload=upload(buffer.getvalue(), "bomb.png", "image/png"))
    assert not WorkImage.objects.exists()


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "TIFF"])
def test_png_webp_and_tiff_are_accepted(make_work, fmt):
    buffer = io.BytesIO()
    Image.new("RGB", (50, 40), (1, 2, 3)).save(buffer, fmt)
    image = services.work_image_add(work=make_work(), upload=upload(buffer.getvalue(), f"x.{fmt.lower()}", "image/x"))
    assert (image.width, image.height) == (50, 40)


def test_a_tiff_with_gps_loses_it_too(make_work):
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (43.0, 15.0, 30.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (60, 60)).save(buffer, "TIFF", exif=exif.tobytes())
    image = services.work_image_add(work=make_work(), upload=upload(buffer.getvalue(), "x.tif", "image/tiff"))
    image.web.open("rb")
    assert not Image.open(io.BytesIO(image.web.read())).getexif().get_ifd(0x8825)
    image.web.close()


def test_an_artisan_adds_images_to_own_work_only(make_work, make_user, make_person, gps_jpeg):
    user = make_user(role="artisan")
    me = make_person("Өз Шебер", user=user)
    mine, theirs = make_work(makers=[me]), make_work()
    services.work_image_add(actor=user, work=mine, upload=upload(jpeg_with_gps()))
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.work_image_add(actor=user, work=theirs, upload=upload(gps_jpeg))


def test_no_catalogue_file_is_stored_under_the_public_media_root(make_work, gps_jpeg, settings):
    from pathlib import Path

    image = services.work_image_add(work=make_work(publish=False), upload=upload(gps_jpeg))
    media = Path(settings.MEDIA_ROOT).resolve()
    for field in (image.original, image.web, image.thumbnail):
        path = Path(field.path).resolve()
        assert path.exists() and media not in path.parents
