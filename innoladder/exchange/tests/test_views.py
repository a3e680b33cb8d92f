import io
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from innoladder.core.models import Job
from innoladder.core.testing.access import OK, assert_access
from innoladder.core.testing.factories import EnterpriseFactory
from innoladder.exchange import roster
from innoladder.exchange.examples import build_sample
from innoladder.imports.choices import BatchStatus
from innoladder.imports.models import ImportBatch
from innoladder.recognitions.models import Recognition

READERS = {name: OK for name in ("admin", "officer", "other_officer", "agency", "expired_agency", "user_a")}
READERS |= {"user_b": OK, "auditor": OK}


def _upload(client, data, **options):
    upload = SimpleUploadedFile("名单.xlsx", data)
    return client.post("/imports/recognition_roster/", {"file": upload, **options})


def test_upload_preview_commit_of_a_list(client, cast):
    rows = build_sample.rows()
    mine = EnterpriseFactory(park=cast.park, uscc=rows[0][2], name=rows[0][1])
    EnterpriseFactory(park=cast.other_park, uscc=rows[1][2], name=rows[1][1])
    client.force_login(cast.officer)
    page = client.get("/imports/recognition_roster/").content.decode()
    assert 'name="opt-scheme"' in page and 'name="opt-issued_on"' in page and 'name="opt-batch"' in page

    response = _upload(client, build_sample.PATH.read_bytes(), **{"opt-scheme": "hnte"})
    batch = ImportBatch.objects.get(dataset="recognition_roster")
    assert response.status_code == 302 and response["Location"] == batch.get_absolute_url()
    assert (
        batch.options["values"]["scheme"] == "hnte" and ["认定类别", "高新技术企业"] in batch.options["shown"]
    )
    detail = client.get(batch.get_absolute_url()).content.decode()
    assert 'id="row-notes"' in detail and roster.OUT_OF_SCOPE in detail and roster.NOT_REGISTERED in detail
    assert 'id="file-options"' in detail and 'data-count="skip">6<' in detail and 'id="commit"' in detail

    response = client.post(f"/imports/batches/{batch.pk}/commit/")
    job = Job.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[1])
    assert job.status == "succeeded", job.message
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTED
    assert list(Recognition.objects.values_list("enterprise", "number")) == [(mine.pk, rows[0][3])]


def test_upload_without_a_scheme_is_refused_on_the_form(client, cast):
    client.force_login(cast.officer)
    response = _upload(client, build_sample.PATH.read_bytes())
    assert response.status_code == 200 and "该字段是必填项" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_list_import_is_for_the_bureau_only(client, cast):
    assert_access(
        client, cast, "/imports/recognition_roster/", {"admin": OK, "officer": OK, "other_officer": OK}
    )


def test_exchange_page_export_and_download(client, cast):
    assert_access(client, cast, "/exchange/", READERS)
    client.force_login(cast.officer)
    page = client.get("/exchange/").content.decode()
    assert 'id="export-json"' in page and 'id="roster-import"' in page
    assert client.get("/exchange/export/json/").status_code == 405
    response = client.post("/exchange/export/json/")
    job = Job.objects.get(kind="exchange.export")
    assert response["Location"] == f"/jobs/{job.pk}/"
    download = f"/exchange/exports/{job.pk}/download/"
    got = client.get(download)
    assert got.status_code == 200 and "attachment" in got["Content-Disposition"]
    document = json.loads(b"".join(got.streaming_content))
    assert {e["uscc"] for e in document["enterprises"]} == {cast.ent_a.uscc, cast.ent_b.uscc}
    assert download in client.get("/exchange/").content.decode()
    for other in (cast.other_officer, cast.admin, cast.user_a):
        client.force_login(other)
        assert client.get(download).status_code == 404
    client.force_login(cast.user_a)
    assert 'id="roster-import"' not in client.get("/exchange/").content.decode()
    assert client.post("/exchange/export/csv/").status_code == 302
    assert not Job.objects.filter(created_by=cast.user_a).exists()


def test_list_template_has_the_lists_columns(client, cast):
    client.force_login(cast.officer)
    response = client.get("/imports/recognition_roster/template.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["认定名单"]
    headers = [c.value for c in sheet[1]]
    assert {"统一社会信用代码", "证书编号", "发证日期", "企业名称"} <= set(headers)
