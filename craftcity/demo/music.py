"""The City of Music half of the demo: instruments (reference data), the composers of the UNESCO profile with a few
of their works, and a synthetic dombra ensemble with a synthetic kui, its teaching line and short recordings.

What is real and where it comes from:
- Ahmet and Gaziza Zhubanov and Erkegali Rakhmadiev are in the seed (the UNESCO City of Music profile); the seed
  names none of their works. The three operas below are well-known public facts (the encyclopaedias' entries, given
  as each work's source), not seed facts, so they are loaded as demo data and go with `remove_demo`.
- The Multimedia Traditional Music Centre and the Alatau Theatre of Traditional Art (2016) come from the seed and are
  loaded by seed_loader; nothing here adds them again.
- Everything else — the ensemble, its musicians, the kui, its line, the recordings and their captions — is
  synthetic, marked `is_demo`, and says so in its text. The recordings are tones synthesised here (a plucked-string
  model), never someone's performance."""

from __future__ import annotations

import datetime as dt
import io
import math
import random
import struct
import wave

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from craftcity.events import services as event_services
from craftcity.events.models import Event
from craftcity.lineage.models import Relation
from craftcity.lineage.services import relation_save
from craftcity.music import services
from craftcity.music.models import EnsembleMember, Instrument, MusicalWork, MusicalWorkCredit
from craftcity.organizations.models import Organization
from craftcity.organizations.services import organization_create
from craftcity.people.models import Person
from craftcity.people.services import person_create
from craftcity.places.models import Place
from craftcity.taxonomy.models import Discipline, Technique

from .names import kazakh_name_forms
from .seed_loader import find_seed_person
from .upsert import bump

ENSEMBLE_SLUG = "demo-dombra-ensemble"
KUI_TITLE_EN = "Tan samaly (demo kui)"


def _t(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


INSTRUMENTS = [
    ("dombra", _t("Домбыра", "Домбра", "Dombra")),
    ("kobyz", _t("Қобыз", "Кобыз", "Kobyz")),
    ("sybyzgy", _t("Сыбызғы", "Сыбызгы", "Sybyzgy")),
    ("zhetigen", _t("Жетіген", "Жетыген", "Zhetigen")),
    ("voice", _t("Дауыс", "Голос", "Voice")),
    ("orchestra", _t("Оркестр", "Оркестр", "Orchestra")),
]

# Well-known public facts (not in the seed): (seed person key, kind, title, year, source)
COMPOSERS_WORKS = [
    ("Ahmet Zhubanov", MusicalWork.Kind.OPERA, _t("Абай", "Абай", "Abai"), 1944,
     "https://en.wikipedia.org/wiki/Abai_(opera)"),
    ("Gaziza Zhubanova", MusicalWork.Kind.OPERA, _t("Еңлік – Кебек", "Енлик – Кебек", "Enlik – Kebek"), 1975,
     "https://en.wikipedia.org/wiki/Gaziza_Zhubanova"),
    ("Erkegali Rakhmadiev", MusicalWork.Kind.OPERA, _t("Қамар сұлу", "Камар-сулу", "Kamar Sulu"), 1963,
     "https://en.wikipedia.org/wiki/Erkegali_Rakhmadiev"),
]  # fmt: skip

PUBLIC_FACT = _t(
    "Жалпыға белгілі дерек (дереккөзі көрсетілген), бастапқы мақалалардан емес; демо деректер ретінде жүктелген.",
    "Общеизвестный факт (источник указан), не из исходных статей; загружен как демо-данные.",
    "A well-known public fact (source given), not from the seed articles; loaded as demo data.",
)

# Synthetic musicians: (given, family, birth year, role in the ensemble, instrument)
MUSICIANS = [
    ("Сәкен", "Домбыраев", 1951, EnsembleMember.Role.LEADER, "dombra"),
    ("Ләззат", "Күйшиева", 1978, EnsembleMember.Role.SOLOIST, "dombra"),
    ("Нұрлан", "Тартысбаев", 1999, EnsembleMember.Role.MUSICIAN, "dombra"),
    ("Айгерім", "Қобызбекова", 1994, EnsembleMember.Role.MUSICIAN, "kobyz"),
    ("Ерлан", "Сыбызғыұлы", 1987, EnsembleMember.Role.MUSICIAN, "sybyzgy"),
]

CAPTIONS = {
    "kk": "WEBVTT\n\n00:00.000 --> 00:01.500\n[Домбыра: төкпе қағыс — демо дыбыс]\n\n"
    "00:01.500 --> 00:03.500\n[Күйдің басы қайталанады]\n",
    "ru": "WEBVTT\n\n00:00.000 --> 00:01.500\n[Домбра: тёкпе, удар по струнам — демо-звук]\n\n"
    "00:01.500 --> 00:03.500\n[Начало кюя повторяется]\n",
    "en": "WEBVTT\n\n00:00.000 --> 00:01.500\n[Dombra: tokpe strumming — a demo sound]\n\n"
    "00:01.500 --> 00:03.500\n[The opening of the kui returns]\n",
}
TRANSCRIPT = _t(
    "Бұл — демо үшін синтезделген дыбыс: домбыра ішегін шертуге ұқсас үш нота, екі рет. Нақты орындау емес.",
    "Это звук, синтезированный для демо: три ноты, похожие на щипок струны домбры, дважды. Не настоящее исполнение.",
    "A sound synthesised for the demo: three notes like a plucked dombra string, twice. Not a real performance.",
)
ILLUSTRATION = _t(
    "Демо үшін синтезделген дыбыс, нақты жазба емес.",
    "Звук, синтезированный для демо, не настоящая запись.",
    "A sound synthesised for the demo, not a real recording.",
)


def dombra_wav(seed: int, seconds: float = 3.5, rate: int = 16000) -> bytes:
    """A few plucked notes (Karplus–Strong: a noise burst through a decaying delay line), as 16-bit mono WAV."""
    rng = random.Random(seed)
    notes = [196.0, 246.9, 293.7]  # G3 B3 D4, the dombra's open fifth and a third between
    rng.shuffle(notes)
    out = [0.0] * int(seconds * rate)
    step = len(out) // 6
    for index in range(6):
        frequency = notes[index % 3]
        period = max(2, int(rate / frequency))
        line = [rng.uniform(-1, 1) for _ in range(period)]
        start = index * step
        for n in range(min(step * 2, len(out) - start)):
            value = line[n % period]
            line[n % period] = 0.996 * 0.5 * (value + line[(n + 1) % period])
            out[start + n] += value * 0.45
    peak = max(1e-9, max(abs(v) for v in out))
    frames = b"".join(struct.pack("<h", int(32000 * math.tanh(v / peak))) for v in out)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as target:
        target.setnchannels(1)
        target.setsampwidth(2)
        target.setframerate(rate)
        target.writeframes(frames)
    return buffer.getvalue()


def load_music(*, stats: dict) -> None:
    """Idempotent: what is there already is left as it is."""
    instruments = _instruments(stats)
    _composers_works(stats)
    if MusicalWork.objects.filter(title__en=KUI_TITLE_EN).exists():
        return
    people = _musicians(stats)
    ensemble = _ensemble(people, instruments, stats)
    _kui(people, ensemble, instruments, stats)


def _instruments(stats) -> dict[str, Instrument]:
    result = {}
    for slug, name in INSTRUMENTS:
        instrument = Instrument.objects.filter(slug=slug).first()
        if instrument is None:
            instrument = services.instrument_save(instrument=Instrument(slug=slug, name=name))
            bump(stats, "music.instrument.created")
        result[slug] = instrument
    return result


def _composers_works(stats) -> None:
    opera = Discipline.objects.filter(slug="opera").first()
    for key, kind, title, year, source in COMPOSERS_WORKS:
        composer = find_seed_person(key)
        if composer is None or MusicalWork.objects.filter(source=source, title__en=title["en"]).exists():
            continue
        work = services.musical_work_create(
            title=title, kind=kind, credits=[composer], year_from=year, discipline=opera, source=source,
            lyrics_language=MusicalWork.LyricsLanguage.KAZAKH, rights=MusicalWork.Rights.IN_COPYRIGHT,
            description=PUBLIC_FACT, is_demo=True,
        )  # fmt: skip
        services.musical_work_publish(work=work)
        bump(stats, "music.musicalwork.created")


def _musicians(stats) -> list[Person]:
    kui = list(Discipline.objects.filter(slug__in=["kui", "kobyz"]))
    people = []
    for given, family, birth_year, _role, _instrument in MUSICIANS:
        person = person_create(
            names=kazakh_name_forms(given, family), occupation=Person.Occupation.MUSICIAN, birth_year=birth_year,
            disciplines=kui, is_demo=True,
            biography=_t("Ойдан шығарылған музыкант (демо).", "Вымышленный музыкант (демо).",
                         "A synthetic musician (demo)."),
        )  # fmt: skip
        people.append(person)
        bump(stats, "people.person.created")
    return people


def _ensemble(people, instruments, stats) -> Organization:
    ensemble = Organization.objects.filter(slug=ENSEMBLE_SLUG).first() or organization_create(
        slug=ENSEMBLE_SLUG,
        kind=Organization.Kind.ENSEMBLE,
        name=_t("«Сазген» домбыра ансамблі (демо)", "Ансамбль домбристов «Сазген» (демо)",
                "Sazgen dombra ensemble (demo)"),
        description=_t("Ойдан шығарылған ансамбль (демо деректер).", "Вымышленный ансамбль (демо-данные).",
                       "A synthetic ensemble (demo data)."),
        founded_year=2009,
        is_demo=True,
    )  # fmt: skip
    bump(stats, "organizations.organization.created")
    years = [(2009, None), (2012, None), (2021, None), (2015, None), (2010, 2019)]
    for person, (_g, _f, _b, role, instrument), (start, end) in zip(people, MUSICIANS, years, strict=True):
        services.ensemble_member_save(
            member=EnsembleMember(ensemble=ensemble, person=person, instrument=instruments[instrument], role=role,
                                  start_year=start, end_year=end, is_demo=True)
        )  # fmt: skip
        bump(stats, "music.ensemblemember.created")
    return ensemble


def _kui(people, ensemble, instruments, stats) -> None:
    master, soloist, young = people[0], people[1], people[2]
    # The kui's line runs through the lineage too: master → soloist → young player, as apprenticeships.
    for senior, junior, start in ((master, soloist, 1995), (soloist, young, 2016)):
        relation_save(relation=Relation(kind=Relation.Kind.APPRENTICESHIP, senior=senior, junior=junior,
                                        start_year=start, end_year=start + 4, is_demo=True))  # fmt: skip
    kui = services.musical_work_create(
        title=_t("Таң самалы (демо күй)", "Тан самалы (демо-кюй)", KUI_TITLE_EN),
        original_title="Таң самалы",
        kind=MusicalWork.Kind.KUI,
        credits=[(master, MusicalWorkCredit.Role.ATTRIBUTED)],
        period=_t("ХХ ғасырдың соңы", "конец XX века", "late 20th century"),
        discipline=Discipline.objects.filter(slug="kui").first(),
        tradition=Technique.objects.filter(slug="kui-tokpe").first(),
        instruments=[instruments["dombra"]],
        rights=MusicalWork.Rights.TRADITIONAL,
        community_protocol=_t(
            "Орындағанда күйдің кімнен үйренілгенін атаңыз (демо хаттама).",
            "При исполнении называйте, от кого перенят кюй (демо-протокол).",
            "When performing, name whom the kui was learnt from (a demo protocol).",
        ),
        description=_t("Ойдан шығарылған күй (демо деректер).", "Вымышленный кюй (демо-данные).",
                       "A synthetic kui (demo data)."),
        is_demo=True,
    )  # fmt: skip
    services.musical_work_publish(work=kui)
    bump(stats, "music.musicalwork.created")
    services.transmission_add(work=kui, teacher=master, student=soloist, year=1996)
    services.transmission_add(work=kui, teacher=soloist, student=young, year=2017)
    venue = Place.objects.filter(slug="alatau-theatre-of-traditional-art").first()
    performance = _performance(kui, ensemble, [soloist, young], stats)
    for index, (performers, recorded, title, with_ensemble) in enumerate(
        [
            ([soloist], dt.date(2024, 3, 22), _t("Таң самалы — Ләззат Күйшиева (демо)",
                                                 "Тан самалы — Ляззат Куйшиева (демо)",
                                                 "Tan samaly — Lazzat Kuishieva (demo)"), False),
            ([soloist, young], dt.date(2025, 9, 14), _t("Таң самалы — ансамбль (демо)", "Тан самалы — ансамбль (демо)",
                                                       "Tan samaly — the ensemble (demo)"), True),
        ]
    ):  # fmt: skip
        recording = services.recording_create(
            work=kui, title=title, performers=performers, recorded_on=recorded, place=venue,
            ensemble=ensemble if with_ensemble else None, performance=performance if with_ensemble else None,
            upload=SimpleUploadedFile(f"demo-kui-{index}.wav", dombra_wav(2025 + index), content_type="audio/wav"),
            description=ILLUSTRATION, rights_statement="http://rightsstatements.org/vocab/NoC-US/1.0/",
            license="CC0-1.0", credit_line="craftcity demo", is_demo=True,
        )  # fmt: skip
        for language, text in CAPTIONS.items():
            services.caption_save(recording=recording, language=language, text=text)
        for language, text in TRANSCRIPT.items():
            services.caption_save(recording=recording, language=language, text=text, kind="transcript")
        services.recording_publish(recording=recording)
        bump(stats, "music.recording.created")


def _performance(kui, ensemble, performers, stats):
    slug = "demo-dombra-ensemble-concert"
    event = Event.objects.filter(slug=slug).first()
    if event is None:
        venue = Place.objects.filter(slug="multimedia-traditional-music-centre").first()
        event = event_services.event_create(
            slug=slug, kind=Event.Kind.CONCERT,
            name=_t("«Сазген» ансамблінің концерті (демо)", "Концерт ансамбля «Сазген» (демо)",
                    "Sazgen ensemble in concert (demo)"),
            description=_t("Ойдан шығарылған концерт.", "Вымышленный концерт.", "A synthetic concert."),
            starts_at=timezone.make_aware(dt.datetime(2025, 9, 14, 19, 0)), place=venue, is_demo=True,
        )  # fmt: skip
        bump(stats, "events.event.created")
    performance = services.performance_create(work=kui, event=event, ensemble=ensemble, performers=performers,
                                              is_demo=True)  # fmt: skip
    bump(stats, "music.performance.created")
    return performance
