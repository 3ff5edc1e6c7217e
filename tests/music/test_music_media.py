"""Uploads are judged by their content: formats, durations and tags removed; no database needed."""

import struct

import pytest
from django.core.exceptions import ValidationError

from craftcity.music.media import check_webvtt, read_media

from .conftest import mp3_bytes, upload, wav_bytes


def _element(element_id: bytes, payload: bytes) -> bytes:
    return element_id + bytes([0x01]) + len(payload).to_bytes(7, "big") + payload  # an 8-byte size


def webm_bytes(seconds: float, *, video: bool) -> bytes:
    header = _element(b"\x1a\x45\xdf\xa3", _element(b"\x42\x82", b"webm"))
    info = _element(b"\x2a\xd7\xb1", (1_000_000).to_bytes(3, "big"))
    info += _element(b"\x44\x89", struct.pack(">d", seconds * 1000))
    info += _element(b"\x7b\xa9", b"Holiday at 5 Abai St")
    tracks = _element(b"\x16\x54\xae\x6b", _element(b"\xae", _element(b"\x83", bytes([1 if video else 2]))))
    tags = _element(b"\x12\x54\xc3\x67", b"ARTIST=Secret Artist")
    segment = _element(b"\x18\x53\x80\x67", _element(b"\x15\x49\xa9\x66", info) + tracks + tags)
    return header + segment


def test_webm_duration_is_read_and_its_title_and_tags_are_blanked_in_place():
    original = webm_bytes(12.5, video=True)
    media = read_media(upload(original, "clip.webm", "video/webm"))
    assert (media.extension, media.mime_type, media.media) == ("webm", "video/webm", "video")
    assert media.duration == pytest.approx(12.5)
    assert len(media.content) == len(original)  # nothing moved: offsets in the file stay right
    assert b"Abai" not in media.content and b"Secret Artist" not in media.content
    assert read_media(upload(webm_bytes(3, video=False), "a.webm")).mime_type == "audio/webm"


def test_wav_and_mp3_are_recognised_whatever_their_names():
    assert read_media(upload(wav_bytes(0.5), "song.mp3")).mime_type == "audio/wav"
    assert read_media(upload(mp3_bytes(), "song.wav")).mime_type == "audio/mpeg"


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"%PDF-1.7\n" + bytes(500), "kui.ogg"), (b"just some text", "kui.flac"), (b"ID3" + bytes(100), "kui.mp3")],
)
def test_anything_else_is_refused_naming_the_file(content, name):
    with pytest.raises(ValidationError, match=f"“{name}” is not an audio or video file"):
        read_media(upload(content, name))


def test_a_file_over_the_limit_is_refused_before_it_is_read(settings):
    settings.CRAFTCITY_RECORDING_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match="files over"):
        read_media(upload(wav_bytes(0.5), "long.wav"))


def test_webvtt_is_normalised_and_hours_are_allowed():
    text = check_webvtt("\ufeffWEBVTT - kui\r\n\r\n01:00:00.000 --> 01:00:02.500 align:start\r\nА\r\n")
    assert text.startswith("WEBVTT - kui\n") and "\r" not in text
    with pytest.raises(ValidationError, match="no cue"):
        check_webvtt("WEBVTT\n\nNOTE nothing here\n")
