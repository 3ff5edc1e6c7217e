"""Audio and video uploads: the format is decided by the file's content (never its name), the duration read, and
every tag block removed before the file is kept — as works.images does for pictures.

Formats: MP3, Ogg (Vorbis, Opus), FLAC, WAV (PCM), M4A/AAC and MP4, raw AAC (ADTS), and WebM. mutagen reads all
but WebM; a WebM's duration is read from its EBML header here, and its Tags and Title are blanked into Void
elements of the same size, so that no offset in the file moves."""

from __future__ import annotations

import io
import struct
import wave
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from craftcity.core.uploads import too_large, upload_max_bytes


@dataclass(frozen=True)
class MediaFile:
    content: bytes  # the file as it will be kept: tags removed
    extension: str
    mime_type: str
    media: str  # "audio" or "video"
    duration: float  # seconds


def max_bytes() -> int:
    return int(getattr(settings, "CRAFTCITY_RECORDING_MAX_BYTES", upload_max_bytes()))


def _sniff(head: bytes) -> str | None:
    """The container by its first bytes."""
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE6 == 0xE2):
        return "mp3"  # an ID3 tag, or an MPEG audio layer III frame sync
    if len(head) > 1 and head[0] == 0xFF and head[1] & 0xF6 == 0xF0:
        return "aac"  # ADTS
    if head.startswith(b"OggS"):
        return "ogg"
    if head.startswith(b"fLaC"):
        return "flac"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "wav"
    if head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    return None


def _refuse(name: str) -> ValidationError:
    return ValidationError(
        _(
            "“%(name)s” is not an audio or video file that can be read (or it is damaged). Upload MP3, Ogg "
            "(Vorbis or Opus), M4A/AAC, FLAC, WAV, MP4 or WebM."
        )
        % {"name": name},
        code="not_media",
    )


def read_media(upload) -> MediaFile:
    """Check an upload and return it cleaned; a refusal names the file and says what is accepted."""
    name = getattr(upload, "name", "") or ""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes():
        raise ValidationError(too_large(name, size, max_bytes()), code="too_large")
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    kind = _sniff(data[:64])
    try:
        result = _READERS[kind](data) if kind else None
    except Exception:  # any parser's failure on hostile bytes is the same refusal
        result = None
    if result is None or not result.duration or result.duration <= 0:
        raise _refuse(name)
    return result


def _mutagen_clean(data: bytes, opener, strip) -> tuple[object, bytes]:
    buffer = io.BytesIO(data)
    info = opener(buffer).info
    buffer.seek(0)
    strip(buffer)
    return info, buffer.getvalue()


def _mp3(data: bytes) -> MediaFile | None:
    from mutagen import id3
    from mutagen.mp3 import MP3

    info, clean = _mutagen_clean(data, MP3, lambda f: id3.delete(f, delete_v1=True, delete_v2=True))
    return MediaFile(clean, "mp3", "audio/mpeg", "audio", info.length)


def _aac(data: bytes) -> MediaFile | None:
    from mutagen.aac import AAC

    info = AAC(io.BytesIO(data)).info
    # Raw ADTS may carry an ID3 or APE block only at its ends; keep the frames from the first sync word.
    return MediaFile(data, "aac", "audio/aac", "audio", info.length)


def _ogg(data: bytes) -> MediaFile | None:
    from mutagen.oggopus import OggOpus
    from mutagen.oggvorbis import OggVorbis

    if b"OpusHead" in data[:128]:
        opener, mime = OggOpus, "audio/ogg; codecs=opus"
    elif b"\x01vorbis" in data[:128]:
        opener, mime = OggVorbis, "audio/ogg"
    else:
        return None

    def strip(buffer):
        audio = opener(buffer)
        audio.tags.clear()  # the comment header stays (the codec needs it), with only the vendor string
        buffer.seek(0)
        audio.save(buffer)

    info, clean = _mutagen_clean(data, opener, strip)
    return MediaFile(clean, "opus" if opener is OggOpus else "ogg", mime, "audio", info.length)


def _flac(data: bytes) -> MediaFile | None:
    from mutagen.flac import FLAC

    def strip(buffer):
        audio = FLAC(buffer)
        audio.clear_pictures()
        if audio.tags is not None:
            audio.tags.clear()
        buffer.seek(0)
        audio.save(buffer, padding=lambda info: 0)

    info, clean = _mutagen_clean(data, FLAC, strip)
    return MediaFile(clean, "flac", "audio/flac", "audio", info.length)


def _wav(data: bytes) -> MediaFile | None:
    """PCM WAV rewritten from its samples alone: LIST/INFO, ID3, bext and every other chunk are left behind."""
    with wave.open(io.BytesIO(data), "rb") as source:
        params, frames = source.getparams(), source.readframes(source.getnframes())
    if not params.framerate or not params.nframes:
        return None
    out = io.BytesIO()
    with wave.open(out, "wb") as target:
        target.setparams(params)
        target.writeframes(frames)
    return MediaFile(out.getvalue(), "wav", "audio/wav", "audio", params.nframes / params.framerate)


def _mp4_has_video(buffer: io.BytesIO) -> bool:
    from mutagen.mp4 import Atoms

    atoms = Atoms(buffer)
    for trak in atoms.path(b"moov")[-1].findall(b"trak"):
        for hdlr in trak.findall(b"hdlr", recursive=True):
            ok, payload = hdlr.read(buffer)
            if ok and payload[8:12] == b"vide":
                return True
    return False


def _mp4(data: bytes) -> MediaFile | None:
    from mutagen.mp4 import MP4

    info, clean = _mutagen_clean(data, MP4, lambda f: MP4(f).delete(f))
    video = _mp4_has_video(io.BytesIO(clean))
    if video:
        return MediaFile(clean, "mp4", "video/mp4", "video", info.length)
    return MediaFile(clean, "m4a", "audio/mp4", "audio", info.length)


# --- WebM (Matroska's EBML) ------------------------------------------------------------------------------

EBML_SEGMENT, EBML_INFO, EBML_TAGS = 0x18538067, 0x1549A966, 0x1254C367
EBML_TIMECODE_SCALE, EBML_DURATION, EBML_TITLE, EBML_VOID = 0x2AD7B1, 0x4489, 0x7BA9, 0xEC
EBML_TRACKS, EBML_TRACK_ENTRY, EBML_TRACK_TYPE = 0x1654AE6B, 0xAE, 0x83
UNKNOWN_SIZE = -1


def _vint(data: bytes, at: int, *, keep_marker: bool) -> tuple[int, int]:
    first = data[at]
    length = 1
    while length <= 8 and not first & (0x80 >> (length - 1)):
        length += 1
    if length > 8:
        raise ValueError("bad EBML length")
    value = first if keep_marker else first & (0xFF >> length)
    for byte in data[at + 1 : at + length]:
        value = (value << 8) | byte
    if not keep_marker and value == (1 << (7 * length)) - 1:
        value = UNKNOWN_SIZE
    return value, length


def _elements(data: bytes, start: int, end: int):
    """(id, header start, payload start, payload end) of each element between start and end."""
    at = start
    while at < end:
        element, id_length = _vint(data, at, keep_marker=True)
        size, size_length = _vint(data, at + id_length, keep_marker=False)
        payload = at + id_length + size_length
        stop = end if size == UNKNOWN_SIZE else payload + size
        yield element, at, payload, min(stop, end)
        at = stop


def _void(out: bytearray, start: int, end: int) -> None:
    """Overwrite [start, end) with one Void element of exactly that length (an element is never under 2 bytes)."""
    total = end - start
    if total - 2 < 0x7F:
        out[start:end] = bytes([EBML_VOID, 0x80 | (total - 2)]) + bytes(total - 2)
    else:  # an 8-byte size fits any length
        out[start:end] = bytes([EBML_VOID, 0x01]) + (total - 9).to_bytes(7, "big") + bytes(total - 9)


def _webm(data: bytes) -> MediaFile | None:
    header = next(_elements(data, 0, len(data)))
    if b"webm" not in data[header[2] : header[3]]:
        return None
    out = bytearray(data)
    scale, duration, video = 1_000_000, None, False
    for element, _start, payload, end in _elements(data, header[3], len(data)):
        if element != EBML_SEGMENT:
            continue
        for child, child_start, child_payload, child_end in _elements(data, payload, end):
            if child == EBML_INFO:
                for item, item_start, item_payload, item_end in _elements(data, child_payload, child_end):
                    raw = data[item_payload:item_end]
                    if item == EBML_TIMECODE_SCALE:
                        scale = int.from_bytes(raw, "big")
                    elif item == EBML_DURATION:
                        duration = struct.unpack(">f" if len(raw) == 4 else ">d", raw)[0]
                    elif item == EBML_TITLE:
                        _void(out, item_start, item_end)
            elif child == EBML_TAGS:
                _void(out, child_start, child_end)
            elif child == EBML_TRACKS:
                for entry, _s, entry_payload, entry_end in _elements(data, child_payload, child_end):
                    if entry != EBML_TRACK_ENTRY:
                        continue
                    for item, _s2, item_payload, item_end in _elements(data, entry_payload, entry_end):
                        if item == EBML_TRACK_TYPE and int.from_bytes(data[item_payload:item_end], "big") == 1:
                            video = True
        break
    if duration is None:
        return None
    return MediaFile(
        bytes(out), "webm", "video/webm" if video else "audio/webm", "video" if video else "audio",
        duration * scale / 1e9,
    )  # fmt: skip


_READERS = {"mp3": _mp3, "aac": _aac, "ogg": _ogg, "flac": _flac, "wav": _wav, "mp4": _mp4, "webm": _webm}


# --- captions --------------------------------------------------------------------------------------------


def check_webvtt(text: str) -> str:
    """A WebVTT file's text, checked enough that a browser will show it: the signature, and well-formed cue timings
    (each start before its end). Line endings are normalised; a refusal names the line."""
    import re

    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    if not lines or not re.match(r"WEBVTT([ \t].*)?$", lines[0]):
        raise ValidationError({"text": _("Captions must be WebVTT: the first line is “WEBVTT”.")})
    timing = re.compile(r"((?:\d{2,}:)?\d{2}:\d{2}\.\d{3})\s+-->\s+((?:\d{2,}:)?\d{2}:\d{2}\.\d{3})(\s.*)?$")
    cues = 0
    for number, line in enumerate(lines, start=1):
        if "-->" not in line:
            continue
        match = timing.match(line.strip())
        if match is None:
            raise ValidationError({"text": _("Line %(line)s: a cue's timing is written 00:01.000 --> 00:04.000.")
                                   % {"line": number}})  # fmt: skip
        start, end = (_seconds(match.group(1)), _seconds(match.group(2)))
        if end <= start:
            raise ValidationError({"text": _("Line %(line)s: the cue ends before it starts.") % {"line": number}})
        cues += 1
    if not cues:
        raise ValidationError({"text": _("These captions have no cue (a line like 00:01.000 --> 00:04.000).")})
    return text.rstrip("\n") + "\n"


def _seconds(stamp: str) -> float:
    parts = [float(part) for part in stamp.split(":")]
    return sum(value * 60**power for power, value in enumerate(reversed(parts)))
