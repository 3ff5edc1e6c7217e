"""Files that must never be reachable by URL: they live outside MEDIA_ROOT and are served only by views that
check who asks (catalogue originals, application attachments)."""

from django.conf import settings


def private_storage():
    from django.core.files.storage import FileSystemStorage

    return FileSystemStorage(location=settings.CRAFTCITY_PRIVATE_MEDIA_ROOT, base_url=None)
