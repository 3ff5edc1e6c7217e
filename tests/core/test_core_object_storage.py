"""Media and private files in an S3-compatible object store (moto's S3 server on loopback), configured the way
an operator does it — environment variables read by the settings — in real `craftcity` processes: a work's
image and its IIIF derivative, an uploaded list read by the import job, and a backup that restores every
object exactly into an emptied bucket. Nothing lands in the local media folders."""

import hashlib
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

boto3 = pytest.importorskip("boto3")
moto_server = pytest.importorskip("moto.server")

BUCKET = "craftcity-city-files"

SCRIPT = r"""
import io, json
from PIL import Image
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from craftcity.imports.models import ImportUpload
from craftcity.imports.services import import_upload_create
from craftcity.people.models import Person
from craftcity.works import services

picture = io.BytesIO()
Image.new("RGB", (640, 480), "firebrick").save(picture, "JPEG")
work = services.work_create(title={"en": "Orteke", "kk": "Өртеке"})
services.work_publish(work=work)
image = services.work_image_add(work=work, upload=SimpleUploadedFile("orteke.jpg", picture.getvalue()))
client = Client(SERVER_NAME="127.0.0.1")
manifest = client.get(f"/iiif/works/{work.pk}/manifest.json").json()
body = manifest["items"][0]["items"][0]["items"][0]["body"]
served = client.get(body["id"].split("127.0.0.1", 1)[1])
served_bytes = b"".join(served.streaming_content)

registrar = get_user_model().objects.create_superuser("registrar", "r@example.org", "x")
listing = "full_name,birth_year\nАйжан Беккулова,1985\nБауыржан Сәрсенов,1979\n".encode("utf-8")
upload = import_upload_create(actor=registrar, upload=SimpleUploadedFile("шебер.csv", listing), mode="all_or_nothing")
call_command("db_worker", batch=True, verbosity=0)
upload.refresh_from_db()
print(json.dumps({
    "original": image.original.name, "web": image.web.name, "status": served.status_code,
    "served": len(served_bytes), "jpeg": served_bytes[:2] == b"\xff\xd8",
    "import": upload.status, "people": sorted(str(person) for person in Person.objects.all()),
}))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def s3():
    port = free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                          aws_access_key_id="craftcity", aws_secret_access_key="craftcity-secret")  # fmt: skip
    client.create_bucket(Bucket=BUCKET)
    yield endpoint, client
    server.stop()


def objects(client) -> dict[str, str]:
    listing = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {
        item["Key"]: hashlib.sha256(client.get_object(Bucket=BUCKET, Key=item["Key"])["Body"].read()).hexdigest()
        for item in listing
    }


def craftcity(env, *args) -> str:
    command = [str(Path(sys.executable).with_name("craftcity")), *args]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_files_live_in_the_bucket_and_a_backup_restores_every_object(s3, tmp_path):
    endpoint, client = s3
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "craftcity.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'city.sqlite3'}",
        "CRAFTCITY_MEDIA_ROOT": str(tmp_path / "media"),
        "CRAFTCITY_PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "CRAFTCITY_S3_BUCKET": BUCKET,
        "CRAFTCITY_S3_ENDPOINT_URL": endpoint,
        "CRAFTCITY_S3_REGION": "us-east-1",
        "CRAFTCITY_S3_ACCESS_KEY": "craftcity",
        "CRAFTCITY_S3_SECRET_KEY": "craftcity-secret",
        "CRAFTCITY_CACHE_DIR": str(tmp_path / "cache"),
    }
    craftcity(env, "migrate", "--no-input", "-v0")
    outcome = json.loads(craftcity(env, "shell", "-c", SCRIPT).strip().splitlines()[-1])

    stored = objects(client)
    assert f"private/{outcome['original']}" in stored and f"private/{outcome['web']}" in stored
    assert outcome["status"] == 200 and outcome["jpeg"] and outcome["served"] > 1000  # IIIF read it back
    assert outcome["import"] == "done"
    assert outcome["people"] == ["Айжан Беккулова", "Бауыржан Сәрсенов"]  # the job read the list from the bucket
    assert not any(key.startswith("private/imports/") for key in stored)  # and removed it once read
    local = [p for p in tmp_path.rglob("*") if p.is_file() and {"media", "private"} & set(p.parts)]
    assert local == []  # nothing written to local media folders

    craftcity(env, "backup", str(tmp_path / "city.tar"))
    for key in stored:  # the bucket is lost, and a stray object appears
        client.delete_object(Bucket=BUCKET, Key=key)
    client.put_object(Bucket=BUCKET, Key="private/stray.txt", Body=b"not in the backup")
    craftcity(env, "restore", "--force", str(tmp_path / "city.tar"))

    assert objects(client) == stored
