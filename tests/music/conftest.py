"""Music fixtures: repertoire and recordings built through the services, and small media files made here."""

import io
import itertools
import math
import struct
import wave

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from craftcity.events.models import Event
from craftcity.music import services
from craftcity.music.models import MusicalWork
from craftcity.organizations.models import Organization

_seq = itertools.count(1)


def wav_bytes(seconds=1.0, rate=8000, *, with_info=True) -> bytes:
    """A mono 16-bit PCM tone; with a LIST/INFO chunk naming an artist and a place (metadata to be removed)."""
    frames = b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * n / rate))) for n in range(int(seconds * rate))
    )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as target:
        target.setnchannels(1)
        target.setsampwidth(2)
        target.setframerate(rate)
        target.writeframes(frames)
    data = buffer.getvalue()
    if with_info:
        info = b"INFO" + b"IART" + struct.pack("<I", 14) + b"Secret Artist\x00" + b"ICMT" + struct.pack("<I", 20)
        info += b"home: 5 Abai St 12\x00\x00"
        chunk = b"LIST" + struct.pack("<I", len(info)) + info
        data = data[:4] + struct.pack("<I", len(data) - 8 + len(chunk)) + data[8:] + chunk
    return data


def mp3_bytes(frames=40, *, artist="Secret Artist") -> bytes:
    """MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, silent) behind an ID3v2 tag with an artist's name."""
    from mutagen.id3 import ID3, TPE1

    frame = b"\xff\xfb\x90\x00" + bytes(417 - 4)
    audio = frame * frames
    tag = ID3()
    tag.add(TPE1(encoding=3, text=[artist]))
    buffer = io.BytesIO()
    tag.save(buffer)
    return buffer.getvalue() + audio


def upload(content: bytes, name="tune.wav", content_type="audio/wav") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


VTT = "WEBVTT\n\n00:00.000 --> 00:00.800\nКүй басталады\n"


@pytest.fixture
def make_musical_work(db, make_person):
    def make(title=None, *, publish=True, kind=MusicalWork.Kind.KUI, credits=None, **fields):
        n = next(_seq)
        if credits is None:
            credits = [make_person(f"Күйші Тест{n}")]
        work = services.musical_work_create(
            title=title or {"kk": f"Күй {n}", "ru": f"Кюй {n}", "en": f"Kui {n}"}, kind=kind, credits=credits, **fields
        )
        if publish:
            services.musical_work_publish(work=work)
        return work

    return make


@pytest.fixture
def make_recording(db, make_musical_work):
    def make(work=None, *, publish=True, content=None, **fields):
        work = work or make_musical_work()
        if "external_url" not in fields:
            fields["upload"] = upload(content or wav_bytes())
        recording = services.recording_create(work=work, **fields)
        if publish:
            services.recording_publish(recording=recording)
        return recording

    return make


@pytest.fixture
def make_event(db):
    import datetime as dt

    from django.utils import timezone

    def make(slug=None, **fields):
        slug = slug or f"concert-{next(_seq)}"
        fields.setdefault("starts_at", timezone.now() + dt.timedelta(days=3))
        event = Event(slug=slug, kind=Event.Kind.CONCERT, name={"en": slug}, **fields)
        event.full_clean()
        event.save()
        return event

    return make


@pytest.fixture
def ensemble(db, make_organization):
    return make_organization(
        "demo-dombra-ensemble", kind=Organization.Kind.ENSEMBLE,
        name={"kk": "Домбыра ансамблі", "ru": "Ансамбль домбристов", "en": "Dombra ensemble"},
    )  # fmt: skip
