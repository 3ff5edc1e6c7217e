"""The back office: curators catalogue with image uploads checked; artisans see only the works they made."""

import io

from PIL import Image

from craftcity.works.models import Work, WorkImage

from .conftest import jpeg_with_gps


def _form(work, **extra):
    data = {
        "title_kk": "", "title_ru": "", "title_en": "Bowl",
        "year_from": "", "year_to": "", "dimensions": "", "inscriptions_kk": "", "inscriptions_ru": "",
        "inscriptions_en": "", "description_kk": "", "description_ru": "", "description_en": "", "accession_number": "",
        "rights_statement": Work.Rights.IN_COPYRIGHT, "license": Work.License.RESERVED, "credit_line": "", "source": "",
        "work_makers-TOTAL_FORMS": "0", "work_makers-INITIAL_FORMS": "0",
        "provenance-TOTAL_FORMS": "0", "provenance-INITIAL_FORMS": "0",
        "images-TOTAL_FORMS": "1", "images-INITIAL_FORMS": "0",
        "images-0-alt_kk": "", "images-0-alt_ru": "", "images-0-alt_en": "A bowl", "images-0-position": "0",
    }  # fmt: skip
    data.update(extra)
    return data


def test_curator_uploads_an_image_in_the_back_office_without_gps(client, make_user, make_work):
    curator = make_user(role="curator")
    client.force_login(curator)
    work = make_work()
    photo = io.BytesIO(jpeg_with_gps())
    photo.name = "bowl.jpg"
    response = client.post(f"/en/admin/works/work/{work.pk}/change/", _form(work, **{"images-0-original": photo}))
    assert response.status_code == 302
    image = WorkImage.objects.get(work=work)
    image.web.open("rb")
    assert not Image.open(io.BytesIO(image.web.read())).getexif()
    image.web.close()


def test_a_fake_image_is_refused_in_the_back_office_and_nothing_is_saved(client, make_user, make_work):
    client.force_login(make_user(role="curator"))
    work = make_work()
    fake = io.BytesIO(b"MZ not an image at all" * 100)
    fake.name = "bowl.jpg"
    response = client.post(f"/en/admin/works/work/{work.pk}/change/", _form(work, **{"images-0-original": fake}))
    assert response.status_code == 200
    assert "not an image that can be read" in response.content.decode()
    assert not WorkImage.objects.exists()
    work.refresh_from_db()
    assert work.title["en"] != "Bowl"


def test_an_artisan_sees_only_works_they_made(client, make_user, make_person, make_work):
    artisan = make_user(role="artisan")
    me = make_person("Өз Шебер", user=artisan)
    mine, theirs = make_work({"en": "Mine"}, makers=[me]), make_work({"en": "Theirs"})
    client.force_login(artisan)
    listing = client.get("/en/admin/works/work/").content.decode()
    assert "Mine" in listing and "Theirs" not in listing
    assert client.get(f"/en/admin/works/work/{mine.pk}/change/").status_code == 200
    assert client.get(f"/en/admin/works/work/{theirs.pk}/change/").status_code in (302, 403, 404)
