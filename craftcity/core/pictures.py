"""Pictures of records (a person's portrait, an organization's logo, a place's or an event's image, a work's
images), served only through the IIIF image service (`works.iiif`), never from a public folder.

A picture is stored once, at upload, as a clean JPEG (re-encoded from its pixels by `works.images.clean_jpeg`,
so no EXIF, GPS or XMP survives) in private storage. The service answers the sizes its `info.json` lists
(`WIDTHS` up to the stored width) in JPEG or WebP; each is made on first request and kept beside the source
(`derivative`), so a size is computed once however many visitors ask. The address carries a token of the stored
file's name: a new upload is a new address, and browsers may keep every answer for a year."""

from __future__ import annotations

import hashlib
import io
import secrets
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from PIL import Image

from .storage import private_storage
from .translation import TranslatedField

WIDTHS = (160, 320, 480, 640, 960, 1280, 1600)
MASTER_EDGE = 1600  # longest side of a stored picture, in pixels
FORMATS = {"jpg": ("JPEG", "image/jpeg"), "webp": ("WEBP", "image/webp")}
QUALITY = {"jpg": 82, "webp": 78}
# The one crop the service makes (beyond level 0, which serves whole pictures only): the 1.91:1 card that link
# previews (Open Graph, X, Telegram, WhatsApp) show, so they need not cut a portrait where they like.
SHARE_SIZE = (1200, 630)


def picture_path(instance, filename: str) -> str:
    return f"pictures/{instance._meta.model_name}/{filename}"


class Pictured(models.Model):
    """One picture of a record (a logo, a place's or an event's image): a clean JPEG in private storage, its
    size, what it shows in each language, and whether it is an illustration (drawn, not photographed)."""

    image = models.FileField(
        _("image"), upload_to=picture_path, storage=private_storage, blank=True, max_length=300, editable=False
    )
    image_alt = TranslatedField(
        _("image description"), max_length=300, blank=True, help_text=_("What the image shows, for screen readers.")
    )
    image_width = models.PositiveIntegerField(_("image width"), default=0, editable=False)
    image_height = models.PositiveIntegerField(_("image height"), default=0, editable=False)
    is_image_illustration = models.BooleanField(
        _("the image is an illustration"), default=False, help_text=_("Drawn, not photographed.")
    )

    class Meta:
        abstract = True


def token(name: str) -> str:
    """A short fingerprint of a stored file's name: it changes with every upload, so addresses never go stale."""
    return hashlib.sha1(name.encode()).hexdigest()[:10]


@dataclass(frozen=True)
class Picture:
    """What a page needs to show a picture: where its image service is, its size, and its description."""

    service: str  # path of the IIIF image service, without host
    width: int
    height: int
    alt: dict = field(default_factory=dict)
    is_illustration: bool = False
    widths: tuple[int, ...] = ()

    def url(self, width: int, fmt: str = "jpg") -> str:
        return f"{self.service}/full/{width},/0/default.{fmt}"

    def height_for(self, width: int) -> int:
        return max(1, round(self.height * width / self.width)) if self.width else width

    def share_region(self) -> tuple[int, int, int, int]:
        """x, y, w, h of the largest SHARE_SIZE-shaped part of the picture: centred across, and on a tall picture
        nearer the top than the bottom, where a portrait's face or a work's top usually is."""
        return share_region(self.width, self.height)

    def share_url(self) -> str:
        """The IIIF address of the share crop at SHARE_SIZE (made once, then kept like the other sizes)."""
        return f"{self.service}/{','.join(map(str, self.share_region()))}/{SHARE_SIZE[0]},{SHARE_SIZE[1]}/0/default.jpg"

    def nearest(self, width: int) -> int:
        """The smallest width on offer at least `width` wide (or the largest there is)."""
        return next((w for w in self.widths if w >= width), self.widths[-1])


def share_region(width: int, height: int) -> tuple[int, int, int, int]:
    target_width, target_height = SHARE_SIZE
    if width * target_height >= height * target_width:  # wider than the card: cut the sides
        crop_width = max(1, round(height * target_width / target_height))
        return (width - crop_width) // 2, 0, crop_width, height
    crop_height = max(1, round(width * target_height / target_width))
    return 0, round((height - crop_height) * 0.3), width, crop_height


def widths_for(width: int, extra: tuple[int, ...] = ()) -> tuple[int, ...]:
    """Sizes on offer for a picture `width` pixels wide: the standard widths below it, and its own."""
    near = {w for w in WIDTHS for e in extra if abs(w - e) < 40}  # 300 stored makes a derived 320 pointless
    return tuple(sorted({w for w in (*WIDTHS, *extra) if w < width and w not in near} | {width}))


def person_picture(person) -> Picture | None:
    """A person's portrait, only if they consented to show it (`is_photo_public`)."""
    if not (person.photo and person.is_photo_public and person.photo_width):
        return None
    return Picture(
        service=f"/iiif/pictures/person/{person.pk}/{token(person.photo.name)}",
        width=person.photo_width,
        height=person.photo_height,
        alt=dict(person.photo_alt or {}),
        widths=widths_for(person.photo_width),
    )


def record_picture(record, kind: str) -> Picture | None:
    if not (record.image and record.image_width):
        return None
    return Picture(
        service=f"/iiif/pictures/{kind}/{record.pk}/{token(record.image.name)}",
        width=record.image_width,
        height=record.image_height,
        alt=dict(record.image_alt or {}),
        is_illustration=record.is_image_illustration,
        widths=widths_for(record.image_width),
    )


def work_image_picture(image) -> Picture:
    """A catalogue image: its thumbnail and web size are stored; the widths between are derived from the web size."""
    return Picture(
        service=f"/iiif/images/{image.pk}",
        width=image.width,
        height=image.height,
        alt=dict(image.alt or {}),
        is_illustration=image.is_illustration,
        widths=widths_for(image.width, (image.thumbnail_width,)),
    )


def picture_of(record) -> Picture | None:
    """The picture a page shows for a record, or None (the page then draws its kind's ornament)."""
    from craftcity.events.models import Event
    from craftcity.organizations.models import Organization
    from craftcity.people.models import Person
    from craftcity.places.models import Place
    from craftcity.works.models import Work, WorkImage

    if isinstance(record, Person):
        return person_picture(record)
    if isinstance(record, WorkImage):
        return work_image_picture(record)
    if isinstance(record, Work):
        first = next(iter(record.images.all()), None)  # prefetched on lists
        return work_image_picture(first) if first is not None else None
    for model, kind in ((Organization, "organization"), (Place, "place"), (Event, "event")):
        if isinstance(record, model):
            return record_picture(record, kind)
    return None


def kind_of(record) -> str:
    return record._meta.model_name if record is not None else ""


# --- writing ---------------------------------------------------------------------------------------------


def picture_store(record, upload, *, prefix: str = "image", kind: str = "", edge: int = MASTER_EDGE) -> None:
    """Check an upload (core.uploads limits, formats, pixels), strip it to pixels and put it on `record`'s
    `<prefix>` field with its size; the caller saves the record (in its service) and the old file goes once
    that commits. Used by the services of each app; never called by views."""
    from craftcity.works.images import clean_jpeg

    clean = clean_jpeg(upload, edge)
    file = getattr(record, prefix)
    old = (file.storage, file.name) if file else None
    name = f"{kind or record._meta.model_name}-{record.pk or 'new'}-{secrets.token_hex(4)}.jpg"
    file.save(name, ContentFile(clean.content), save=False)
    setattr(record, f"{prefix}_width", clean.width)
    setattr(record, f"{prefix}_height", clean.height)
    if old is not None:
        transaction.on_commit(lambda: forget(*old))


def forget(storage, name: str) -> None:
    """Delete a stored picture and every size made from it (and its share crop)."""
    made = [_cache_name(name, width, fmt) for width in (*WIDTHS, MASTER_EDGE) for fmt in FORMATS]
    for cached in [*made, _cache_name(name, "share", "jpg")]:
        if storage.exists(cached):
            storage.delete(cached)
    if name and storage.exists(name):
        storage.delete(name)


def _cache_name(name: str, width: int | str, fmt: str) -> str:
    return f"pictures/sizes/{hashlib.sha1(name.encode()).hexdigest()}/{width}.{fmt}"


def derivative(file, width: int, fmt: str) -> bytes:
    """The stored picture `file` at `width` pixels wide in `fmt`, made once and then read from storage."""
    storage, cached = file.storage, _cache_name(file.name, width, fmt)
    if storage.exists(cached):
        with storage.open(cached, "rb") as handle:
            return handle.read()
    with file.storage.open(file.name, "rb") as handle, Image.open(handle) as source:
        picture = source.convert("RGB")
    if width < picture.width:
        picture = picture.resize((width, max(1, round(picture.height * width / picture.width))), Image.LANCZOS)
    buffer = io.BytesIO()
    picture.save(buffer, FORMATS[fmt][0], quality=QUALITY[fmt], optimize=fmt == "jpg", method=4 if fmt == "webp" else 0)
    content = buffer.getvalue()
    storage.save(cached, ContentFile(content))
    return content


def share_derivative(file) -> bytes:
    """The share crop (SHARE_SIZE, JPEG) of the stored picture `file`, made once and then read from storage. A
    picture smaller than the card is enlarged: previews want the full size, and a soft card beats a cut one."""
    storage, cached = file.storage, _cache_name(file.name, "share", "jpg")
    if storage.exists(cached):
        with storage.open(cached, "rb") as handle:
            return handle.read()
    with file.storage.open(file.name, "rb") as handle, Image.open(handle) as source:
        picture = source.convert("RGB")
    x, y, width, height = share_region(picture.width, picture.height)
    picture = picture.resize(SHARE_SIZE, Image.LANCZOS, box=(x, y, x + width, y + height))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=QUALITY["jpg"], optimize=True, progressive=True)
    content = buffer.getvalue()
    storage.save(cached, ContentFile(content))
    return content
