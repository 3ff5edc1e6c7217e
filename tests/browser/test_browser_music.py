"""The music pages in a real browser: from the main navigation to a kui, to its recording; the player loads the
sound and its captions track, and the transcript is there without JavaScript."""

import time

import pytest
from music.conftest import VTT, upload, wav_bytes
from playwright.sync_api import expect

from craftcity.music import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _until(page, condition: str, seconds: float = 15) -> None:
    """Wait until `condition` holds, asked from outside the page: `wait_for_function` polls by evaluating a
    string inside the page, which the site's Content-Security-Policy (no 'unsafe-eval') refuses when the
    condition is not already true at the first look."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(condition):
        assert time.monotonic() < deadline, f"still not true after {seconds} s: {condition}"
        page.wait_for_timeout(100)


def test_a_visitor_plays_a_recording_with_captions(page, make_person):
    performer = make_person("Ләззат Күйшиева")
    work = services.musical_work_create(title={"en": "Saryarka", "kk": "Сарыарқа"}, kind="kui", credits=[performer])
    services.musical_work_publish(work=work)
    recording = services.recording_create(work=work, upload=upload(wav_bytes(2.0)), performers=[performer])
    services.caption_save(recording=recording, language="en", text=VTT.replace("Күй басталады", "The kui begins"))
    services.caption_save(recording=recording, language="en", kind="transcript", text="The kui begins, twice.")
    services.recording_publish(recording=recording)

    page.goto("/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Music", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Repertoire")
    page.get_by_role("link", name="Saryarka").first.click()
    expect(page.locator("h1")).to_have_text("Saryarka")
    page.locator("section").get_by_role("link", name="Saryarka").click()
    audio = page.locator("audio")
    expect(audio).to_be_visible()
    # The browser reads the file: its duration comes from the WAV the server streams.
    _until(page, "document.querySelector('audio').readyState >= 1")
    assert abs(page.evaluate("document.querySelector('audio').duration") - 2.0) < 0.05
    track = page.locator("audio track")
    assert track.get_attribute("srclang") == "en" and track.get_attribute("default") is not None
    _until(page, "document.querySelector('audio track').readyState === 2")  # LOADED: the VTT parsed
    cues = page.evaluate("Array.from(document.querySelector('audio').textTracks[0].cues).map(c => c.text)")
    assert cues == ["The kui begins"]
    expect(page.get_by_text("The kui begins, twice.")).to_be_visible()
