"""The demo's pictures are drawings, flagged and described as illustrations, and `remove_demo` takes them and every
size the image service made of them; a real record's picture stays."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from craftcity.core.models import PublicationStatus
from craftcity.core.pictures import _cache_name
from craftcity.demo.illustrations import dombra, kobyz, load_illustrations, patchwork
from craftcity.events.models import Event
from craftcity.organizations.services import organization_create, organization_image_set
from craftcity.places.models import Place

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("drawing", [patchwork, dombra, kobyz])
def test_each_drawing_is_a_picture_of_its_own(drawing):
    image = Image.open(io.BytesIO(drawing(3)))
    assert image.format == "JPEG" and min(image.size) >= 1000
    assert len(set(image.convert("L").getdata())) > 5  # a drawing, not a flat colour


def test_remove_demo_takes_the_drawings_and_their_sizes_but_not_a_real_picture(
    client, command, django_capture_on_commit_callbacks
):
    demo = organization_create(is_demo=True, slug="demo-guild", kind="union", name={"en": "Demo guild"},
                               status=PublicationStatus.PUBLISHED)  # fmt: skip
    place = Place(is_demo=True, slug="demo-yurt", kind=Place.Kind.VENUE, name={"en": "Demo yurt"},
                  status=PublicationStatus.PUBLISHED)  # fmt: skip
    place.full_clean()
    place.save()
    real = organization_create(slug="real-union", kind="union", name={"en": "Real union"},
                               status=PublicationStatus.PUBLISHED)  # fmt: skip
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (20, 90, 160)).save(buffer, "JPEG")
    organization_image_set(organization=real, upload=SimpleUploadedFile("logo.jpg", buffer.getvalue()))
    stats = {}
    load_illustrations(stats=stats)
    demo.refresh_from_db()
    place.refresh_from_db()
    real.refresh_from_db()
    assert demo.is_image_illustration and place.is_image_illustration and not real.is_image_illustration
    assert not Event.objects.exclude(image="").exists()
    html = client.get("/en/organizations/demo-guild/").content.decode()
    assert re.search(r'alt="Illustration, not a photograph: A diamond emblem[^"]*drawn for the demo', html)
    client.get(re.search(r'src="(/iiif/pictures/organization/[^"]+)"', html).group(1))  # a size is made and kept
    storage = demo.image.storage
    files = [demo.image.name, place.image.name, _cache_name(demo.image.name, 640, "jpg")]
    assert all(storage.exists(name) for name in files)

    with django_capture_on_commit_callbacks(execute=True):
        command("remove_demo", verbosity=0)
    assert not any(storage.exists(name) for name in files)
    assert storage.exists(real.image.name)
