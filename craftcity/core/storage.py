"""Where uploaded files live: public media (``STORAGES["default"]``) and private files (``STORAGES["private"]``:
catalogue originals, application attachments, reports, uploaded lists), which are never reachable by URL and
are served only by views that check who asks.

Both are local folders by default (MEDIA_ROOT, CRAFTCITY_PRIVATE_MEDIA_ROOT). With ``CRAFTCITY_S3_BUCKET`` set,
both go to an S3-compatible object store through django-storages (``s3_storages``), so web processes and
workers on several machines see the same files. Code reads and writes files through the storage API only;
``local_copy`` gives a path to the few readers that need one."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

FILE_SYSTEM = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"


def s3_storages(environ=os.environ) -> dict[str, dict]:
    """``STORAGES`` entries for public media and private files in one bucket, under two prefixes; empty
    unless ``CRAFTCITY_S3_BUCKET`` is set. Private files are always fetched with signed, short-lived requests;
    public media get plain URLs (the bucket's policy, or ``CRAFTCITY_S3_MEDIA_DOMAIN``, makes them readable),
    since stored pages outlive any signature."""
    bucket = environ.get("CRAFTCITY_S3_BUCKET", "")
    if not bucket:
        return {}
    common = {
        "bucket_name": bucket,
        "endpoint_url": environ.get("CRAFTCITY_S3_ENDPOINT_URL") or None,
        "region_name": environ.get("CRAFTCITY_S3_REGION") or None,
        "access_key": environ.get("CRAFTCITY_S3_ACCESS_KEY") or None,
        "secret_key": environ.get("CRAFTCITY_S3_SECRET_KEY") or None,
        "file_overwrite": False,  # as on disk: a second file of the same name gets a new name
        "default_acl": None,
    }
    media = {**common, "location": "media", "querystring_auth": False,
             "custom_domain": environ.get("CRAFTCITY_S3_MEDIA_DOMAIN") or None}  # fmt: skip
    private = {**common, "location": "private", "querystring_auth": True, "querystring_expire": 300}
    return {"default": {"BACKEND": S3, "OPTIONS": media}, "private": {"BACKEND": S3, "OPTIONS": private}}


def _create(config: dict, **defaults):
    options = {**defaults, **config.get("OPTIONS", {})} if config["BACKEND"] == FILE_SYSTEM else config["OPTIONS"]
    return import_string(config["BACKEND"])(**options)


def private_storage(subfolder: str = ""):
    """The storage of files no URL may reach; `subfolder` keeps one kind of file apart (e.g. uploaded lists)."""
    config = settings.STORAGES.get("private", {"BACKEND": FILE_SYSTEM})
    if config["BACKEND"] == FILE_SYSTEM:
        root = Path(settings.CRAFTCITY_PRIVATE_MEDIA_ROOT)
        return _create(config, location=root / subfolder if subfolder else root, base_url=None)
    options = dict(config["OPTIONS"])
    if subfolder:
        options["location"] = f"{options.get('location', '').rstrip('/')}/{subfolder}".lstrip("/")
    return import_string(config["BACKEND"])(**options)


def media_storage():
    """The storage of public media (the default storage), built afresh so a changed MEDIA_ROOT counts."""
    return _create(settings.STORAGES["default"])


def has_path(storage) -> bool:
    """Whether `storage` keeps files on this machine's disk (and can name their paths)."""
    try:
        storage.path("x")
    except NotImplementedError:
        return False
    return True


def walk(storage, folder: str = "") -> Iterator[str]:
    """Every file name in `storage` under `folder`, depth first, in a stable order."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(folders):
        yield from walk(storage, f"{folder}/{name}" if folder else name)


@contextlib.contextmanager
def local_copy(field_file) -> Iterator[Path]:
    """A path to the file of `field_file`: its own on disk, else a temporary copy removed afterwards."""
    if has_path(field_file.storage):
        yield Path(field_file.path)
        return
    suffix = Path(field_file.name).suffix
    with tempfile.NamedTemporaryFile(prefix="craftcity-", suffix=suffix) as copy:
        with field_file.storage.open(field_file.name, "rb") as source:
            shutil.copyfileobj(source, copy, 1 << 20)
        copy.flush()
        yield Path(copy.name)
