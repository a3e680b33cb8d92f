import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from innoladder.core.testing.access import OK, assert_access
from innoladder.recognitions import services
from innoladder.recognitions.models import ApplicationDocument

from .factories import ApplicationFactory, RecognitionFactory

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


@pytest.mark.parametrize(
    "name, content, mime",
    [("a.pdf", PDF, "application/pdf"), ("b.png", PNG, "image/png"), ("c.jpeg", JPG, "image/jpeg")],
)
def test_allowed_types_are_stored_privately(cast, settings, name, content, mime):
    app = ApplicationFactory(enterprise=cast.ent_a)
    doc = services.application_document_add(
        user=cast.user_a, application=app, uploaded=SimpleUploadedFile(name, content), title="申报书"
    )
    assert doc.content_type == mime
    path = doc.file.path
    assert path.startswith(str(settings.MEDIA_ROOT / "private"))
    stored = Path(path).name
    # Stored under a random name (32 hex digits) keeping only the extension, never the uploaded name.
    assert stored != name and len(Path(stored).stem) >= 32
    with open(path, "rb") as handle:
        assert handle.read() == content


@pytest.mark.parametrize(
    "name, content",
    [
        ("evil.pdf", b"MZ\x90\x00 not a pdf"),
        ("page.html", b"<html><script>alert(1)</script>"),
        ("x.png", b"GIF89a"),
    ],
)
def test_wrong_type_is_refused_whatever_the_name(cast, name, content):
    app = ApplicationFactory(enterprise=cast.ent_a)
    with pytest.raises(ValidationError) as exc:
        services.application_document_add(
            user=cast.user_a, application=app, uploaded=SimpleUploadedFile(name, content)
        )
    assert "只能上传 PDF、JPG 或 PNG" in exc.value.messages[0]
    assert not ApplicationDocument.objects.exists()


def test_oversize_is_refused(cast, settings):
    settings.RECOGNITIONS_UPLOAD_MAX_BYTES = 1024
    app = ApplicationFactory(enterprise=cast.ent_a)
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * 1024)
    with pytest.raises(ValidationError) as exc:
        services.application_document_add(user=cast.user_a, application=app, uploaded=big)
    assert "文件过大" in exc.value.messages[0]
    assert not ApplicationDocument.objects.exists()


def test_upload_view_refuses_wrong_type_with_a_chinese_message(client, cast):
    app = ApplicationFactory(enterprise=cast.ent_a)
    client.force_login(cast.user_a)
    response = client.post(
        f"/recognitions/applications/{app.pk}/documents/",
        {"kind": "form", "title": "x", "file": SimpleUploadedFile("x.pdf", b"<?php echo 1;")},
        follow=True,
    )
    assert "文件类型不允许" in response.content.decode()
    assert not ApplicationDocument.objects.exists()


def test_documents_and_certificates_are_served_only_in_scope(client, cast):
    app = ApplicationFactory(enterprise=cast.ent_a)
    doc = services.application_document_add(
        user=cast.user_a, application=app, uploaded=SimpleUploadedFile("a.pdf", PDF), title="申报书"
    )
    readers = {"admin": OK, "officer": OK, "agency": OK, "user_a": OK, "auditor": OK}
    assert_access(client, cast, f"/recognitions/documents/{doc.pk}/", readers)
    client.force_login(cast.user_a)
    response = client.get(f"/recognitions/documents/{doc.pk}/")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF

    rec = RecognitionFactory(enterprise=cast.ent_a)
    services.recognition_update(
        user=cast.officer, recognition=rec, certificate=SimpleUploadedFile("cert.png", PNG)
    )
    assert_access(client, cast, f"/recognitions/{rec.pk}/certificate/", readers)


def test_upload_by_the_wrong_user_is_404(client, cast):
    app = ApplicationFactory(enterprise=cast.ent_a)
    data = {"kind": "form", "title": "x", "file": SimpleUploadedFile("x.pdf", PDF)}
    client.force_login(cast.user_b)
    assert client.post(f"/recognitions/applications/{app.pk}/documents/", data).status_code == 404
    client.force_login(cast.auditor)
    data["file"] = SimpleUploadedFile("x.pdf", PDF)
    assert client.post(f"/recognitions/applications/{app.pk}/documents/", data).status_code == 404
    assert not ApplicationDocument.objects.exists()


def test_recognition_certificate_type_checked(cast):
    with pytest.raises(ValidationError):
        services.recognition_create(
            user=cast.officer,
            enterprise=cast.ent_a,
            scheme="hnte",
            level="national",
            issued_on=dt.date(2023, 12, 1),
            certificate=SimpleUploadedFile("c.pdf", b"not really"),
        )
