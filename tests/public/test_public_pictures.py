"""Pictures on cards and pages: responsive sizes through the IIIF image service, lazy below the fold, the ornament
when there is none, illustrations said to be so, and a person's photo only with their consent."""

import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from craftcity.core.models import PublicationStatus
from craftcity.organizations.services import organization_image_set
from craftcity.people.services import person_photo_set, person_update
from craftcity.places.models import Place
from craftcity.places.services import place_image_set, place_save

pytestmark = pytest.mark.django_db

SERVICE = r'srcset="(/iiif/pictures/organization/\d+/\w+)/'
DRAWN = {"kk": "Ою-өрнек", "ru": "Орнамент", "en": "A diamond emblem"}


def jpeg(size=(1400, 1000), colour=(180, 60, 40), gps=True) -> SimpleUploadedFile:
    image = Image.new("RGB", size, colour)
    exif = Image.Exif()
    if gps:
        exif[0x0110] = "Test Camera"
        exif[0x8825] = {1: "N", 2: (43.0, 15.0, 30.0), 3: "E", 4: (76.0, 56.0, 45.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return SimpleUploadedFile("camera.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def guild(make_organization):
    organization = make_organization("guild", name={"en": "Felt Guild", "kk": "Киіз гильдиясы"},
                                     status=PublicationStatus.PUBLISHED)  # fmt: skip
    return organization_image_set(organization=organization, upload=jpeg(), alt=DRAWN, is_illustration=True)


def test_cards_offer_sizes_in_webp_and_jpeg_lazily_with_their_box_and_say_an_illustration_is_one(client, guild):
    html = client.get("/en/organizations/").content.decode()
    picture = re.search(r"<picture.*?</picture>", html, re.S).group(0)
    service = f"/iiif/pictures/organization/{guild.pk}/"
    assert f'type="image/webp" srcset="{service}' in picture
    assert re.search(r'srcset="[^"]*/0/default\.jpg 320w, [^"]*480w', picture)  # several widths, in JPEG too
    assert 'sizes="' in picture and 'loading="lazy"' in picture
    assert re.search(r'width="\d+" height="\d+"', picture)
    assert 'alt="Illustration, not a photograph: A diamond emblem"' in picture
    with_kazakh = client.get("/kk/organizations/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "Ою-өрнек" in re.search(r"<picture.*?</picture>", with_kazakh, re.S).group(0)


def test_the_main_picture_of_a_page_is_not_lazy(client, guild):
    html = client.get("/en/organizations/guild/").content.decode()
    picture = re.search(r"<picture.*?</picture>", html, re.S).group(0)
    assert 'fetchpriority="high"' in picture and 'loading="lazy"' not in picture


def test_a_record_without_a_picture_shows_its_kinds_ornament_to_sighted_visitors_only(client, make_organization):
    make_organization("plain", name={"en": "Plain Union"}, status=PublicationStatus.PUBLISHED)
    html = client.get("/en/organizations/").content.decode()
    assert "ornament-organization" in html and 'data-placeholder="organization"' in html
    placeholder = re.search(r'<img[^>]*data-placeholder="organization"[^>]*>', html).group(0)
    assert 'alt=""' in placeholder and 'width="400" height="300"' in placeholder


def test_the_image_service_answers_the_listed_sizes_only_without_metadata(client, guild):
    service = re.search(SERVICE, client.get("/en/organizations/").content.decode())
    info = json.loads(client.get(f"{service.group(1)}/info.json").content)
    assert info["profile"] == "level0" and "webp" in info["extraFormats"]
    widths = [size["width"] for size in info["sizes"]]
    assert widths[:3] == [160, 320, 480] and widths[-1] == info["width"] == 1400
    webp = client.get(f"{service.group(1)}/full/320,/0/default.webp")
    assert webp["Content-Type"] == "image/webp" and "immutable" in webp["Cache-Control"]
    assert Image.open(io.BytesIO(webp.content)).size == (320, 229)
    picture = Image.open(io.BytesIO(client.get(f"{service.group(1)}/full/480,/0/default.jpg").content))
    assert not picture.getexif()  # no camera, no GPS
    assert client.get(f"{service.group(1)}/full/500,/0/default.jpg").status_code == 404  # not a listed size
    assert client.get(f"/iiif/pictures/organization/{guild.pk}/0123456789/info.json").status_code == 404


def test_a_drafts_picture_is_not_served(client, guild):
    service = re.search(SERVICE, client.get("/en/organizations/").content.decode())
    guild.status = PublicationStatus.DRAFT
    guild.save()
    assert client.get(f"{service.group(1)}/info.json").status_code == 404


@pytest.fixture
def artisan(make_person):
    person = make_person("Айгүл Тұралиева", status=PublicationStatus.PUBLISHED)
    return person_photo_set(actor=None, person=person, upload=jpeg((900, 1200)), alt={"en": "Aigul at her loom"})


def _photo_anywhere(client, person) -> list[str]:
    """Where the person's photo shows to a visitor: their page, the list, the share tags, JSON-LD, the API."""
    found = []
    page = client.get(f"/en/people/{person.pk}/").content.decode()
    if f"/iiif/pictures/person/{person.pk}/" in re.sub(r"<script.*?</script>|<meta[^>]*>", "", page, flags=re.S):
        found.append("page")
    if re.search(r'<meta property="og:image" content="[^"]*/iiif/pictures/person/', page):
        found.append("og")
    for script in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S):
        if "/iiif/pictures/person/" in script or "photos" in script:
            found.append("jsonld")
    if f"/iiif/pictures/person/{person.pk}/" in client.get("/en/people/").content.decode():
        found.append("list")
    api = client.get(f"/api/v1/people/{person.pk}/").content.decode()
    if "/iiif/pictures/person/" in api or "photos/" in api:
        found.append("api")
    return found


def test_a_photo_is_shown_nowhere_without_the_persons_consent(client, artisan):
    assert not artisan.is_photo_public
    assert _photo_anywhere(client, artisan) == []
    assert "ornament-person" in client.get(f"/en/people/{artisan.pk}/").content.decode()
    from craftcity.core.pictures import token

    service = f"/iiif/pictures/person/{artisan.pk}/{token(artisan.photo.name)}"
    assert client.get(f"{service}/info.json").status_code == 404
    assert client.get(f"{service}/full/320,/0/default.jpg").status_code == 404
    assert client.get(f"/media/{artisan.photo.name}").status_code == 404  # not in public media either


def test_with_consent_the_photo_shows_on_the_page_and_in_the_share_tags_and_goes_when_withdrawn(client, artisan):
    person_update(person=artisan, is_photo_public=True)
    assert set(_photo_anywhere(client, artisan)) == {"page", "og", "list"}
    page = client.get(f"/en/people/{artisan.pk}/").content.decode()
    assert 'alt="Aigul at her loom"' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    person_update(person=artisan, is_photo_public=False)
    artisan.refresh_from_db()
    assert artisan.consent_recorded_at is not None
    assert _photo_anywhere(client, artisan) == []  # the stored page went with the change


def test_share_tags_name_the_page_in_the_readers_language(client, guild):
    page = client.get("/kk/organizations/guild/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert '<meta property="og:locale" content="kk_KZ">' in page
    assert '<meta property="og:locale:alternate" content="ru_RU">' in page
    assert '<meta property="og:url" content="http://testserver/kk/organizations/guild/">' in page
    assert '<meta property="og:title" content="Киіз гильдиясы">' in page
    image = re.search(r'<meta property="og:image" content="([^"]+)"', page).group(1)
    # The guild's 1400×1000 picture, cut to the share card's shape (1.91:1), a little nearer its top.
    assert image.startswith("http://testserver/iiif/pictures/organization/") and "/0,80,1400,735/1200,630/" in image
    assert '<meta property="og:image:width" content="1200">' in page


def test_a_place_picture_replaces_its_file_and_forgets_the_old_one(client, django_capture_on_commit_callbacks):
    place = place_save(place=Place(slug="yurt", kind=Place.Kind.VENUE, name={"en": "Yurt"},
                                   status=PublicationStatus.PUBLISHED))  # fmt: skip
    place_image_set(place=place, upload=jpeg(gps=False), alt={"en": "A yurt"})
    first = place.image.name
    storage = place.image.storage
    html = client.get("/en/places/yurt/").content.decode()
    client.get(re.search(r'src="(/iiif/pictures/place/[^"]+)"', html).group(1))  # a size made and kept
    from craftcity.core.pictures import _cache_name

    assert storage.exists(_cache_name(first, 640, "jpg"))
    with django_capture_on_commit_callbacks(execute=True):
        place_image_set(place=place, upload=jpeg((800, 600), gps=False), alt={"en": "A yurt"})
    assert place.image.name != first and storage.exists(place.image.name)
    assert not storage.exists(first) and not storage.exists(_cache_name(first, 640, "jpg"))


def _og_image(page: str) -> tuple[str, int, int]:
    url = re.search(r'<meta property="og:image" content="([^"]+)"', page).group(1)
    width = re.search(r'<meta property="og:image:width" content="(\d+)"', page).group(1)
    height = re.search(r'<meta property="og:image:height" content="(\d+)"', page).group(1)
    return url.removeprefix("http://testserver"), int(width), int(height)


def _pixels(client, url: str) -> Image.Image:
    response = client.get(url)
    assert response.status_code == 200, url
    return Image.open(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))


def test_a_consenting_persons_share_image_is_a_1200_by_630_crop_made_once(client, artisan, settings):
    person_update(person=artisan, is_photo_public=True)
    url, width, height = _og_image(client.get(f"/en/people/{artisan.pk}/").content.decode())
    assert (width, height) == (1200, 630)
    assert "/0,218,900,472/1200,630/0/default.jpg" in url  # a tall portrait is cut nearer its top than its bottom
    image = _pixels(client, url)
    assert image.size == (1200, 630) and image.format == "JPEG" and not image.getexif()
    from craftcity.core.pictures import _cache_name

    artisan.refresh_from_db()
    kept = _cache_name(artisan.photo.name, "share", "jpg")
    assert artisan.photo.storage.exists(kept)  # kept beside the other sizes: the next visitor costs no resize
    assert _pixels(client, url).size == (1200, 630)


def test_no_other_crop_is_served_and_none_without_consent(client, artisan):
    person_update(person=artisan, is_photo_public=True)
    url, _width, _height = _og_image(client.get(f"/en/people/{artisan.pk}/").content.decode())
    assert client.get(url.replace("/0,218,900,472/", "/0,0,900,472/")).status_code == 404
    assert client.get(url.replace("default.jpg", "default.webp")).status_code == 404
    person_update(person=artisan, is_photo_public=False)
    assert client.get(url).status_code == 404


def test_a_work_image_is_shared_as_the_same_card(client, guild, make_person):
    from craftcity.works import services

    work = services.work_create(title={"en": "Felt rug"}, makers=[make_person("Шебер")])
    services.work_image_add(work=work, upload=jpeg((800, 1000)), alt={"en": "A rug"})
    services.work_publish(work=work)
    url, width, height = _og_image(client.get(f"/en/works/{work.pk}/").content.decode())
    assert url.startswith("/iiif/images/") and (width, height) == (1200, 630)
    assert _pixels(client, url).size == (1200, 630)  # a smaller picture is enlarged to the card


def test_a_page_with_no_picture_shares_the_sites_own_card(client, make_person):
    person = make_person("Айжан Беккулова")
    page = client.get(f"/kk/people/{person.pk}/").content.decode()
    url, width, height = _og_image(page)
    assert url.startswith("/static/public/img/share-default") and (width, height) == (1200, 630)
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert page.count('property="og:image"') == 1  # the person's card replaces the site's, never sits beside it
    from django.contrib.staticfiles import finders

    with Image.open(finders.find("public/img/share-default.jpg")) as card:
        assert card.size == (1200, 630)


@pytest.mark.parametrize(("path", "title"), [
    ("/kk/", "craftcity — қаланың қолөнері мен музыкасы"), ("/ru/people/", "Ремесленники и музыканты"),
    ("/en/events/", "Events"), ("/en/music/", "Repertoire"),
])  # fmt: skip
def test_list_and_home_pages_share_the_sites_card_under_their_own_title(client, path, title):
    page = client.get(path).content.decode()
    url, width, height = _og_image(page)
    assert url.startswith("/static/public/img/share-default") and (width, height) == (1200, 630)
    assert f'<meta property="og:title" content="{title}">' in page
    assert page.count('property="og:image"') == 1  # one card, not the site's beside the page's own
