"""The music services: who may write, what is refused and why, and what every write leaves in the history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from craftcity.audit.models import ChangeBatch
from craftcity.lineage.models import Relation
from craftcity.lineage.services import relation_save
from craftcity.music import services
from craftcity.music.models import Caption, EnsembleMember, MusicalWork, MusicalWorkCredit, Recording, Status

from .conftest import VTT, mp3_bytes, upload, wav_bytes


def test_curators_write_repertoire_and_artisans_and_visitors_may_not(make_user, make_person):
    curator = make_user(role="curator", is_staff=True)
    artisan = make_user(role="artisan")
    composer = make_person("Ахмет Жұбанов")
    work = services.musical_work_create(
        actor=curator, title={"kk": "Ақбаян", "en": "Akbayan"}, kind=MusicalWork.Kind.SONG, credits=[composer]
    )
    assert work.status == Status.DRAFT
    assert ChangeBatch.objects.filter(label__startswith="add musical work Akbayan", user=curator).exists()
    assert work.history.count() == 1
    with pytest.raises(PermissionDenied, match="Only curators edit the music catalogue"):
        services.musical_work_update(actor=artisan, work=work, original_title="x")
    with pytest.raises(PermissionDenied):
        services.musical_work_publish(actor=artisan, work=work)
    services.musical_work_publish(actor=curator, work=work)
    assert work.status == Status.PUBLISHED and work.published_at is not None


def test_traditional_credit_needs_no_person_but_other_roles_do(make_musical_work):
    work = make_musical_work(credits=[{"role": MusicalWorkCredit.Role.TRADITIONAL, "note": {"en": "Kazakh folk"}}])
    assert work.credits.get().person is None
    with pytest.raises(ValidationError, match="Credit 1: Name the person"):
        services.musical_work_credits_set(work=work, credits=[{"role": MusicalWorkCredit.Role.COMPOSER}])
    assert work.credits.count() == 1  # the refused set left the old credits as they were


def test_traditional_knowledge_needs_its_community_protocol(make_musical_work):
    with pytest.raises(ValidationError, match="community's protocol"):
        make_musical_work(rights=MusicalWork.Rights.TRADITIONAL)
    work = make_musical_work(
        rights=MusicalWork.Rights.TRADITIONAL, community_protocol={"en": "Name the Arka school when performing."}
    )
    assert work.rights == "traditional"


@pytest.mark.parametrize(
    ("written", "stored"),
    [("T-034.524.680-1", "T-034.524.680-1"), ("t0345246801", "T-034.524.680-1"), ("", "")],
)
def test_iswc_is_validated_and_written_the_standard_way(make_musical_work, written, stored):
    assert make_musical_work(iswc=written).iswc == stored


def test_a_wrong_iswc_check_digit_is_refused_with_the_right_one(make_musical_work):
    with pytest.raises(ValidationError, match="should be 1"):
        make_musical_work(iswc="T-034.524.680-2")
    with pytest.raises(ValidationError, match=r"T-123\.456\.789-C"):
        make_musical_work(iswc="ISWC 12")
    make_musical_work(iswc="T-034.524.680-1")
    with pytest.raises(ValidationError, match="already has this ISWC"):
        make_musical_work(iswc="T0345246801")


def test_passing_on_is_tied_to_the_recorded_apprenticeship(make_musical_work, make_person):
    master, student, other = make_person("Шебер Бір"), make_person("Шәкірт Екі"), make_person("Басқа Үш")
    relation = relation_save(relation=Relation(kind=Relation.Kind.APPRENTICESHIP, senior=master, junior=student))
    work = make_musical_work()
    taught = services.transmission_add(work=work, teacher=master, student=student, year=1990)
    assert taught.relation == relation
    loose = services.transmission_add(work=work, teacher=student, student=other)
    assert loose.relation is None
    with pytest.raises(ValidationError, match="already recorded"):
        services.transmission_add(work=work, teacher=master, student=student)
    with pytest.raises(ValidationError, match="to themselves"):
        services.transmission_add(work=work, teacher=other, student=other)


def test_ensemble_members_only_in_ensembles_and_with_years_in_order(ensemble, make_organization, make_person):
    player = make_person("Домбырашы Бір")
    seat = services.ensemble_member_save(
        member=EnsembleMember(ensemble=ensemble, person=player, start_year=2018, end_year=2022)
    )
    assert seat.years_display == "2018–2022"
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        services.ensemble_member_save(member=EnsembleMember(ensemble=ensemble, person=player, start_year=2020,
                                                            end_year=2019))  # fmt: skip
    union = make_organization()
    with pytest.raises(ValidationError, match="ensemble or orchestra"):
        services.ensemble_member_save(member=EnsembleMember(ensemble=union, person=player))


def test_a_recording_needs_a_file_or_a_link(make_musical_work):
    work = make_musical_work()
    with pytest.raises(ValidationError, match="needs a file or a link"):
        services.recording_create(work=work)
    linked = services.recording_create(work=work, external_url="https://video.example.org/watch/1", duration=60)
    assert linked.file.name == ""


def test_a_wav_upload_is_kept_without_its_info_chunk_and_with_its_duration(make_musical_work):
    recording = services.recording_create(work=make_musical_work(), upload=upload(wav_bytes(1.5), "field.wav"))
    assert recording.media == Recording.Media.AUDIO
    assert recording.mime_type == "audio/wav"
    assert recording.duration == pytest.approx(1.5)
    stored = recording.file.read()
    assert b"Secret Artist" not in stored and b"Abai" not in stored
    assert recording.file.name.endswith(".wav") and "field" not in recording.file.name


def test_an_mp3_upload_loses_its_id3_tag(make_musical_work):
    recording = services.recording_create(work=make_musical_work(), upload=upload(mp3_bytes(), "x.mp3", "audio/mpeg"))
    assert recording.mime_type == "audio/mpeg"
    assert recording.duration == pytest.approx(40 * 1152 / 44100, rel=0.05)
    assert b"Secret Artist" not in recording.file.read()


def test_a_renamed_picture_is_refused_by_content_with_a_clear_message(make_musical_work):
    png = b"\x89PNG\r\n\x1a\n" + bytes(200)
    with pytest.raises(ValidationError) as refused:
        services.recording_create(work=make_musical_work(), upload=upload(png, "kui.mp3", "audio/mpeg"))
    assert "“kui.mp3” is not an audio or video file that can be read" in refused.value.messages[0]
    assert Recording.objects.count() == 0  # nothing half-saved


def test_a_recording_of_an_unpublished_work_cannot_be_published(make_musical_work, make_recording):
    work = make_musical_work(publish=False)
    recording = make_recording(work, publish=False)
    with pytest.raises(ValidationError, match="Publish the work"):
        services.recording_publish(recording=recording)


def test_captions_are_checked_webvtt_and_replace_the_previous_ones(make_recording):
    recording = make_recording()
    services.caption_save(recording=recording, language="kk", text=VTT)
    services.caption_save(recording=recording, language="kk", text=VTT.replace("басталады", "аяқталады"))
    assert Caption.objects.get(recording=recording, language="kk").text.endswith("аяқталады\n")
    with pytest.raises(ValidationError, match="first line is “WEBVTT”"):
        services.caption_save(recording=recording, language="ru", text="00:00.000 --> 00:01.000\nКюй")
    with pytest.raises(ValidationError, match="Line 3: the cue ends before it starts"):
        services.caption_save(recording=recording, language="en", text="WEBVTT\n\n00:02.000 --> 00:01.000\nA")
    services.caption_save(recording=recording, language="en", kind=Caption.Kind.TRANSCRIPT, text="The kui begins.")
    assert recording.captions.count() == 2


def test_a_work_with_recordings_is_withdrawn_not_deleted(make_recording):
    recording = make_recording()
    with pytest.raises(ValidationError, match="withdraw it instead"):
        services.musical_work_delete(work=recording.work)


def test_a_merge_moves_credits_passings_on_and_seats(make_musical_work, make_person, ensemble):
    from craftcity.people.merging import rows_move

    keep, absorb, student = make_person("Бір Адам"), make_person("Бір Адам Екі"), make_person("Шәкірт")
    work = make_musical_work(credits=[absorb])
    services.transmission_add(work=work, teacher=absorb, student=student)
    services.ensemble_member_save(member=EnsembleMember(ensemble=ensemble, person=absorb))
    rows_move(keep=keep, absorb=absorb)
    assert list(work.credits.values_list("person_id", flat=True)) == [keep.pk]
    assert work.transmissions.get().teacher == keep
    assert ensemble.ensemble_members.get().person == keep
