import io

from openpyxl import load_workbook

from innoladder.core.models import JobStatus
from innoladder.core.testing.access import LOGIN, OK, assert_access
from innoladder.enterprises.models import AnnualData
from innoladder.imports import reader
from innoladder.imports.choices import BatchStatus
from innoladder.imports.models import ImportBatch
from innoladder.imports.registry import get

from .helpers import preview, xlsx

WRITERS = {"admin": OK, "officer": OK, "other_officer": OK, "agency": OK, "expired_agency": OK}
WRITERS |= {"user_a": OK, "user_b": OK}


def test_home_lists_datasets_for_writers_and_batches_by_scope(client, cast):
    mine = preview(cast.officer, "annual_data", xlsx([["统一社会信用代码", "年度"], [cast.ent_a.uscc, 2024]]))
    theirs = preview(
        cast.user_b, "annual_data", xlsx([["统一社会信用代码", "年度"], [cast.ent_b.uscc, 2024]])
    )
    assert_access(client, cast, "/imports/", {**WRITERS, "auditor": OK})
    seen = {}
    for name in ("officer", "other_officer", "user_a", "user_b", "auditor", "admin"):
        client.force_login(getattr(cast, name))
        html = client.get("/imports/").content.decode()
        seen[name] = (
            str(mine.pk) in html,
            str(theirs.pk) in html,
            "/imports/annual_data/template.xlsx" in html,
        )
    assert seen == {
        "officer": (True, True, True),  # both batches are of the officer's park
        "other_officer": (False, False, True),
        "user_a": (False, False, True),
        "user_b": (False, True, True),
        "auditor": (True, True, False),  # reads the park's batches, imports nothing
        "admin": (True, True, True),
    }


def test_home_query_count_does_not_grow_with_batches(client, cast, django_assert_max_num_queries):
    for i in range(15):
        preview(
            cast.officer, "annual_data", xlsx([["统一社会信用代码", "年度"], [cast.ent_a.uscc, 2000 + i]])
        )
    client.force_login(cast.officer)
    with django_assert_max_num_queries(12):
        assert client.get("/imports/").status_code == 200


def test_upload_and_template_pages_are_for_writers_only(client, cast):
    assert_access(client, cast, "/imports/annual_data/", WRITERS)
    assert_access(client, cast, "/imports/annual_data/template.xlsx", WRITERS)
    assert_access(client, cast, "/imports/no_such_dataset/", {"anonymous": LOGIN})


def test_batch_pages_are_scoped(client, cast):
    batch = preview(cast.user_a, "annual_data", xlsx([["统一社会信用代码", "年度"], [cast.ent_a.uscc, "x"]]))
    assert batch.rows_error == 1
    assert_access(
        client,
        cast,
        f"/imports/batches/{batch.pk}/",
        # The regional officer imports nothing and reads no park's import batches.
        {"user_a": OK, "officer": OK, "admin": OK, "auditor": OK, "regional": 404},
    )
    assert_access(
        client,
        cast,
        f"/imports/batches/{batch.pk}/errors.xlsx",
        # The regional officer imports nothing and reads no park's import batches.
        {"user_a": OK, "officer": OK, "admin": OK, "auditor": OK, "regional": 404},
    )
    # Only the uploader may commit (others get 404 even if they may read the batch).
    assert_access(client, cast, f"/imports/batches/{batch.pk}/commit/", {"user_a": 302}, method="post")


def test_template_has_headers_instructions_lists_and_ignored_examples(client, cast):
    client.force_login(cast.officer)
    response = client.get("/imports/ip_records/template.xlsx")
    assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''")
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["知识产权", "选项", "说明"]
    assert wb["选项"].sheet_state == "hidden"
    ws = wb["知识产权"]
    headers = [c.value for c in ws[1]]
    assert headers[:4] == ["统一社会信用代码", "类型", "编号", "名称"]
    assert headers[-1] == "行说明"
    assert ws["A1"].font.color.rgb.endswith("C00000")  # required columns in red
    formulas = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert formulas["B2:B2000"] == "'选项'!$B$2:$B$12"
    kinds = [wb["选项"].cell(row=r, column=2).value for r in range(2, 13)]
    assert kinds[0] == "发明专利" and len(kinds) == 11
    assert ws.cell(row=2, column=len(headers)).value == "示例（导入时忽略）"
    notes = [r[0] for r in wb["说明"].iter_rows(values_only=True)]
    assert any("统一社会信用代码、编号" in (n or "") for n in notes)
    # The template itself, uploaded as is, has only the example row: nothing to import.
    parsed = reader.parse(response.content, get("ip_records"))
    assert (parsed.example_rows, parsed.rows, parsed.missing_required) == (1, [], [])


def test_annual_data_template_declares_units_in_headers(client, cast):
    client.force_login(cast.officer)
    ws = load_workbook(io.BytesIO(client.get("/imports/annual_data/template.xlsx").content))["年度数据"]
    headers = [c.value for c in ws[1]]
    assert "销售收入(万元)" in headers and "高新技术产品(服务)收入(万元)" in headers


def test_upload_preview_and_commit_through_the_screens(client, cast):
    client.force_login(cast.officer)
    data = xlsx([["统一社会信用代码", "年度", "职工总数"], [cast.ent_a.uscc, 2024, 33]])
    upload = io.BytesIO(data)
    upload.name = "年度数据.xlsx"
    response = client.post("/imports/annual_data/", {"file": upload})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/imports/batches/{batch.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert 'data-count="create">1<' in page and "确认导入" in page
    response = client.post(f"/imports/batches/{batch.pk}/commit/")
    batch.refresh_from_db()
    assert response["Location"] == f"/jobs/{batch.job_id}/"
    assert batch.job.status == JobStatus.SUCCEEDED
    assert batch.status == BatchStatus.COMMITTED
    assert AnnualData.objects.get().employees == 33
    assert "导入完成：新增 1 行" in client.get(f"/imports/batches/{batch.pk}/").content.decode()


def test_upload_refuses_other_extensions_in_the_form(client, cast):
    client.force_login(cast.officer)
    upload = io.BytesIO(b"a,b\n")
    upload.name = "data.csv"
    response = client.post("/imports/annual_data/", {"file": upload})
    assert response.status_code == 200
    assert "只接受 .xlsx 文件" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_duplicate_commit_needs_the_confirmation_box(client, cast):
    data = xlsx([["统一社会信用代码", "年度"], [cast.ent_a.uscc, 2024]])
    client.force_login(cast.officer)
    first = preview(cast.officer, "annual_data", data)
    client.post(f"/imports/batches/{first.pk}/commit/")
    second = preview(cast.officer, "annual_data", data)
    page = client.get(f"/imports/batches/{second.pk}/").content.decode()
    assert "确认再次导入" in page
    response = client.post(f"/imports/batches/{second.pk}/commit/", follow=True)
    assert "同一文件已于" in response.content.decode()
    second.refresh_from_db()
    assert second.status == BatchStatus.PREVIEWED
    client.post(f"/imports/batches/{second.pk}/commit/", {"confirm_duplicate": "on"})
    second.refresh_from_db()
    assert second.status == BatchStatus.COMMITTED


def test_uploads_are_rate_limited_per_user(client, cast, monkeypatch):
    from innoladder.imports import services

    monkeypatch.setattr(services, "MAX_UPLOADS_PER_HOUR", 2)
    client.force_login(cast.officer)
    data = xlsx([["统一社会信用代码", "年度"], [cast.ent_a.uscc, 2024]])
    statuses = []
    for _ in range(3):
        upload = io.BytesIO(data)
        upload.name = "a.xlsx"
        response = client.post("/imports/annual_data/", {"file": upload})
        statuses.append(response.status_code)
    assert statuses == [302, 302, 200]
    assert "每小时最多上传 2 个文件" in response.content.decode()
    assert ImportBatch.objects.count() == 2
