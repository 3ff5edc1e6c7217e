"""Image checks and derivatives. Derivatives are re-encoded from pixels only, so no EXIF, XMP or GPS survives."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from craftcity.core.uploads import too_large

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "TIFF"}
SIZES = {"thumbnail": 300, "web": 1600}  # longest edge in pixels


@dataclass
class Derivative:
    name: str
    content: bytes
    width: int
    height: int


def check_image(upload) -> None:
    """Refuse anything that is not a JPEG, PNG, WebP or TIFF within the size and pixel limits."""
    size = getattr(upload, "size", None)
    limit = settings.CRAFTCITY_IMAGE_MAX_BYTES
    if size is not None and size > limit:
        raise ValidationError(too_large(getattr(upload, "name", "") or "", size, limit), code="too_large")
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                fmt = image.format
                width, height = image.size
                if fmt not in ALLOWED_FORMATS:
                    raise ValidationError(
                        _("Images must be JPEG, PNG, WebP or TIFF; this file is %(format)s.") % {"format": fmt},
                        code="format",
                    )
                if width * height > settings.CRAFTCITY_IMAGE_MAX_PIXELS:
                    raise _bomb()
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _bomb() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("This file is not an image that can be read (or it is damaged)."), code="not_image"
        ) from None
    finally:
        upload.seek(0)


def _bomb() -> ValidationError:
    return ValidationError(
        _("This image has too many pixels to be processed safely (at most %(limit)s million).")
        % {"limit": settings.CRAFTCITY_IMAGE_MAX_PIXELS // 1_000_000},
        code="too_many_pixels",
    )


def _pixels(upload) -> Image.Image:
    """The picture as the camera meant it (rotated), as bare RGB pixels: no EXIF, XMP, GPS or ICC block."""
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)
        image = image.convert("RGB")
        clean = Image.frombytes("RGB", image.size, image.tobytes())
    upload.seek(0)
    return clean


def _jpeg(picture: Image.Image, name: str, edge: int) -> Derivative:
    copy = picture.copy()
    copy.thumbnail((edge, edge))
    buffer = io.BytesIO()
    copy.save(buffer, "JPEG", quality=85, optimize=True)
    return Derivative(name, buffer.getvalue(), copy.width, copy.height)


def make_derivatives(upload) -> dict[str, Derivative]:
    """Thumbnail and web-size JPEGs, rotated as the camera meant, carrying pixels and nothing else."""
    picture = _pixels(upload)
    return {name: _jpeg(picture, name, edge) for name, edge in SIZES.items()}


def clean_jpeg(upload, edge: int, *, square: bool = False) -> Derivative:
    """One JPEG of at most `edge` pixels a side, from a checked upload, with every metadata block dropped;
    `square` crops it to the centred square first (a portrait for cards and lists)."""
    check_image(upload)
    picture = _pixels(upload)
    if square:
        side = min(picture.size)
        left, top = (picture.width - side) // 2, (picture.height - side) // 2
        picture = picture.crop((left, top, left + side, top + side))
    return _jpeg(picture, "clean", edge)
