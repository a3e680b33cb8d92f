from decimal import Decimal

import pytest

from innoladder.core import audit, audit_chain
from innoladder.core.models import AuditEntry, AuditEvent, JobStatus
from innoladder.core.testing.factories import AnnualDataFactory, EnterpriseFactory, make_uscc
from innoladder.core.testing.sheets import sheet_rows
from innoladder.enterprises.models import AnnualData, Enterprise, IPRecord
from innoladder.imports import engine, services
from innoladder.imports.choices import BatchStatus
from innoladder.imports.models import ImportBatch

from .helpers import HEAD, commit, preview, xlsx


@pytest.fixture
def enterprises(cast):
    """40 enterprises of the officer's park, so 200 rows are 40 enterprises × 5 years."""
    return [cast.ent_a, cast.ent_b] + [EnterpriseFactory(park=cast.park) for _ in range(38)]


def rows_200(enterprises, *, bad=True):
    rows = [HEAD]
    for i in range(200):
        ent = enterprises[i // 5]
        rows.append([ent.uscc, 2020 + i % 5, 100 + i, 10, f"{1000 + i:,}.5", 50000 + i])
    if bad:
        rows[37][4] = "一千万"  # Excel row 38: text in a money column
        rows[151][3] = 9999  # Excel row 152: more R&D staff than employees
    return rows


def test_annual_data_round_trip_converts_units(cast):
    rows = [HEAD, [cast.ent_a.uscc, 2024, 120, 18, "8,650.5", 512300]]
    batch = preview(cast.officer, "annual_data", xlsx(rows))
    assert (batch.status, batch.rows_create, batch.rows_error) == (BatchStatus.PREVIEWED, 1, 0)
    assert not AnnualData.objects.exists()
    batch, job = commit(batch, cast.officer)
    assert job.status == JobStatus.SUCCEEDED, job.message
    assert batch.status == BatchStatus.COMMITTED
    data = AnnualData.objects.get(enterprise=cast.ent_a, year=2024)
    # 8,650.5 万元 = 86,505,000.00 元; 研发费用 declared in 元 stays as is.
    assert data.sales_revenue == Decimal("86505000.00")
    assert data.rd_expense == Decimal("512300.00")
    assert (data.employees, data.rd_staff, data.source) == (120, 18, "import")
    entry = AuditEntry.objects.get(event_type=AuditEvent.IMPORT)
    assert entry.changes["file_sha256"] == batch.file_sha256
    assert (entry.changes["created"], entry.changes["updated"]) == (1, 0)


def _audited_rows(event_type, enterprise_id=None):
    """The rows the import's batched audit entries hold, as per-row entries had them."""
    rows = []
    for entry in AuditEntry.objects.filter(event_type=event_type, object_type="enterprises.AnnualData"):
        rows += audit.batch_rows(entry.changes, enterprise_id)
    return rows


def test_every_written_row_is_audited_with_its_values_or_its_changes(cast):
    """Created rows are audited with their values, updated rows with each changed field's old and new value
    (in the import's batched entries, read back per enterprise), beside the one import entry with the file
    hash and counts; the audit chain verifies with them."""
    AnnualDataFactory(enterprise=cast.ent_b, year=2023, employees=80, rd_staff=8)
    rows = [
        HEAD,
        [cast.ent_a.uscc, 2024, 120, 18, "8,650.5", 512300],
        [cast.ent_b.uscc, 2023, 90, None, None, None],
    ]
    batch, job = commit(preview(cast.officer, "annual_data", xlsx(rows)), cast.officer)
    assert job.status == JobStatus.SUCCEEDED, job.message
    entry = AuditEntry.objects.get(event_type=AuditEvent.CREATE, object_type="enterprises.AnnualData")
    assert (entry.actor, entry.park_id, entry.enterprise_id) == (cast.officer, cast.park.pk, cast.ent_a.pk)
    record = AnnualData.objects.get(enterprise=cast.ent_a, year=2024)
    [created] = _audited_rows(AuditEvent.CREATE, cast.ent_a.pk)
    assert (created["object_id"], created["enterprise_id"]) == (record.pk, cast.ent_a.pk)
    assert created["repr"] == f"年度数据 {cast.ent_a.uscc} / 2024"
    after = created["changes"]["after"]
    assert (after["id"], after["year"], after["employees"], after["rd_staff"]) == (record.pk, 2024, 120, 18)
    assert (after["sales_revenue"], after["rd_expense"], after["source"]) == (
        "86505000.00",
        "512300.00",
        "import",
    )
    assert after["version"] == 1 and "created_at" not in after
    assert _audited_rows(AuditEvent.CREATE, cast.ent_b.pk) == []
    existing = AnnualData.objects.get(enterprise=cast.ent_b, year=2023)
    [updated] = _audited_rows(AuditEvent.UPDATE, cast.ent_b.pk)
    assert (updated["object_id"], updated["enterprise_id"]) == (existing.pk, cast.ent_b.pk)
    changes = updated["changes"]
    assert changes["employees"] == [80, 90]
    assert changes["source"][1] == "import"
    assert "version" not in changes and "rd_staff" not in changes
    assert AuditEntry.objects.filter(event_type=AuditEvent.IMPORT).count() == 1
    assert audit_chain.verify().ok


def test_the_audit_log_filtered_by_enterprise_shows_its_imported_rows(client, cast, enterprises):
    batch, job = commit(
        preview(cast.officer, "annual_data", xlsx(rows_200(enterprises, bad=False))), cast.officer
    )
    assert job.status == JobStatus.SUCCEEDED, job.message
    target = enterprises[7]
    assert len(_audited_rows(AuditEvent.CREATE, target.pk)) == 5
    assert len(_audited_rows(AuditEvent.CREATE)) == 200
    client.force_login(cast.auditadmin)
    page = client.get("/audit/", {"enterprise": target.pk}).content.decode()
    for year in range(2020, 2025):
        assert f"年度数据 {target.uscc} / {year}" in page
    assert enterprises[8].uscc not in page  # another enterprise's rows of the same entry are not listed
    client.force_login(cast.auditor)  # the park's auditor reads the park's batched entries
    assert (
        f"年度数据 {target.uscc} / 2020" in client.get("/audit/", {"enterprise": target.pk}).content.decode()
    )


def test_two_bad_rows_among_200_write_nothing_and_are_reported_exactly(cast, enterprises):
    batch = preview(cast.officer, "annual_data", xlsx(rows_200(enterprises)))
    assert batch.status == BatchStatus.INVALID
    assert (batch.rows_total, batch.rows_error) == (200, 2)
    assert batch.errors == [
        [38, "销售收入(万元)", "一千万", "应为数字（可带千分位逗号），不能含文字或单位"],
        [152, "研发人员", "9999", "研发人员（9999）不能多于职工总数（250）"],
    ]
    assert batch.rows_create == 198
    assert not batch.can_commit
    with pytest.raises(services.ImportRefused):
        services.batch_commit(batch=batch, user=cast.officer)
    assert AnnualData.objects.count() == 0


def test_error_report_has_the_original_rows_and_an_error_column(client, cast, enterprises):
    rows = rows_200(enterprises)
    rows[10][0] = '=HYPERLINK("http://evil","点我")'
    batch = preview(cast.officer, "annual_data", xlsx(rows))
    client.force_login(cast.officer)
    response = client.get(f"/imports/batches/{batch.pk}/errors.xlsx")
    assert response.status_code == 200
    sheet = sheet_rows(response)
    assert sheet[0] == (*HEAD, "错误说明")
    assert len(sheet) == 201
    assert sheet[37][-1].startswith("第 38 行：销售收入(万元)：应为数字")
    assert sheet[151][-1] == "第 152 行：研发人员：研发人员（9999）不能多于职工总数（250）（原值：9999）"
    # Formula cells coming back from the user's file are neutralised in the report.
    assert sheet[10][0] == '\'=HYPERLINK("http://evil","点我")'
    assert sheet[2][-1] is None


def test_reimporting_a_corrected_file_updates_instead_of_duplicating(cast, enterprises):
    first, job = commit(
        preview(cast.officer, "annual_data", xlsx(rows_200(enterprises, bad=False))), cast.officer
    )
    assert job.status == JobStatus.SUCCEEDED, job.message
    assert (first.rows_create, AnnualData.objects.count()) == (200, 200)
    versions_before = set(AnnualData.objects.values_list("version", flat=True))
    rows = rows_200(enterprises, bad=False)
    rows[1][4] = "9,999"  # row 2 changes: 万元 → 99,990,000 元
    rows[2][2] = 500  # row 3 changes its employees
    second = preview(cast.officer, "annual_data", xlsx(rows), name="corrected.xlsx")
    assert (second.rows_create, second.rows_update, second.rows_unchanged) == (0, 2, 198)
    second, job = commit(second, cast.officer)
    assert job.status == JobStatus.SUCCEEDED, job.message
    assert AnnualData.objects.count() == 200
    changed = AnnualData.objects.get(enterprise=enterprises[0], year=2020)
    assert changed.sales_revenue == Decimal("99990000.00")
    assert changed.version == 2
    assert versions_before == {1}
    assert AnnualData.objects.get(enterprise=enterprises[0], year=2021).employees == 500
    assert AnnualData.objects.filter(version=1).count() == 198


def test_blank_cells_leave_existing_values_alone(cast):
    AnnualDataFactory(enterprise=cast.ent_a, year=2024, employees=80, rd_staff=8)
    batch = preview(cast.officer, "annual_data", xlsx([HEAD, [cast.ent_a.uscc, 2024, None, 9, None, None]]))
    assert (batch.rows_update, batch.rows_unchanged) == (1, 0)
    commit(batch, cast.officer)
    data = AnnualData.objects.get(enterprise=cast.ent_a, year=2024)
    assert (data.employees, data.rd_staff) == (80, 9)


def test_duplicate_keys_inside_one_file_are_errors(cast):
    rows = [HEAD, [cast.ent_a.uscc, 2024, 1, 0, 1, 1], [cast.ent_a.uscc, "2024", 2, 0, 1, 1]]
    batch = preview(cast.officer, "annual_data", xlsx(rows))
    assert batch.errors == [[3, "统一社会信用代码、年度", f"{cast.ent_a.uscc} / 2024", "与第 2 行重复"]]


def test_the_same_file_cannot_be_committed_twice_by_accident(cast):
    data = xlsx([HEAD, [cast.ent_a.uscc, 2024, 10, 1, 5, 5]])
    commit(preview(cast.officer, "annual_data", data), cast.officer)
    again = preview(cast.officer, "annual_data", data)
    assert again.duplicate_of is not None
    with pytest.raises(services.ImportRefused, match="同一文件已于"):
        services.batch_commit(batch=again, user=cast.officer)
    again.refresh_from_db()
    assert again.status == BatchStatus.PREVIEWED
    again, job = commit(again, cast.officer, confirm_duplicate=True)
    assert job.status == JobStatus.SUCCEEDED
    assert (again.status, again.rows_unchanged, AnnualData.objects.count()) == (BatchStatus.COMMITTED, 1, 1)


def test_a_batch_cannot_be_committed_twice(cast):
    batch = preview(cast.officer, "annual_data", xlsx([HEAD, [cast.ent_a.uscc, 2024, 10, 1, 5, 5]]))
    commit(batch, cast.officer)
    with pytest.raises(services.ImportRefused):
        services.batch_commit(batch=batch, user=cast.officer)


def test_enterprise_user_cannot_import_another_enterprises_rows(cast):
    rows = [HEAD, [cast.ent_a.uscc, 2024, 10, 1, 5, 5], [cast.ent_b.uscc, 2024, 10, 1, 5, 5]]
    batch = preview(cast.user_a, "annual_data", xlsx(rows))
    assert batch.errors == [
        [
            3,
            "统一社会信用代码",
            cast.ent_b.uscc,
            "未找到该统一社会信用代码对应的企业，或您无权导入该企业的数据",
        ]
    ]
    assert AnnualData.objects.count() == 0
    own = preview(cast.user_a, "annual_data", xlsx(rows[:2]), name="own.xlsx")
    own, job = commit(own, cast.user_a)
    assert job.status == JobStatus.SUCCEEDED
    assert list(AnnualData.objects.values_list("enterprise_id", flat=True)) == [cast.ent_a.pk]


def test_scope_post_check_rolls_everything_back(cast, monkeypatch):
    """Even if validation let an out-of-scope row through, the post-check after writing refuses it."""
    rows = [HEAD, [cast.ent_a.uscc, 2024, 10, 1, 5, 5], [cast.ent_b.uscc, 2024, 10, 1, 5, 5]]
    real = engine.make_context

    def leaky_context(user, dataset, **kwargs):
        ctx = real(user, dataset, **kwargs)
        ctx.enterprise_ids = dict(Enterprise.objects.values_list("uscc", "pk"))  # bypasses scoping
        return ctx

    monkeypatch.setattr(engine, "make_context", leaky_context)
    batch = preview(cast.user_a, "annual_data", xlsx(rows))
    assert (batch.status, batch.rows_create) == (BatchStatus.PREVIEWED, 2)
    batch, job = commit(batch, cast.user_a)
    assert job.status == JobStatus.FAILED
    assert "有 1 行数据不在您的管理范围内" in job.message
    assert batch.status == BatchStatus.FAILED
    assert batch.message == job.message
    assert AnnualData.objects.count() == 0
    assert AuditEntry.objects.get(event_type=AuditEvent.IMPORT).result == "failure"


def test_rows_changed_after_preview_are_revalidated_at_commit(cast):
    batch = preview(cast.officer, "annual_data", xlsx([HEAD, [cast.ent_b.uscc, 2024, 10, 1, 5, 5]]))
    cast.ent_b.park = cast.other_park
    cast.ent_b.save()
    batch, job = commit(batch, cast.officer)
    assert job.status == JobStatus.FAILED
    assert "预检后数据发生了变化" in job.message
    assert AnnualData.objects.count() == 0


def test_enterprises_are_created_by_officers_and_updated_by_their_own_users(cast):
    new_code = make_uscc(777)
    rows = [
        ["统一社会信用代码", "企业名称", "成立日期", "注册资本（万元）", "技术领域", "企业规模", "电子邮箱"],
        [new_code, "格尔木新材料有限公司", 42370, "1,000", "新材料", "小型", "a@b.cn"],
        [cast.ent_a.uscc.lower(), "企业甲（更名）有限公司", "2015-03-01", None, None, None, None],
    ]
    batch = preview(cast.officer, "enterprises", xlsx(rows, title="企业名录"))
    assert batch.errors == []
    assert (batch.rows_create, batch.rows_update) == (1, 1)
    batch, job = commit(batch, cast.officer)
    assert job.status == JobStatus.SUCCEEDED, job.message
    created = Enterprise.objects.get(uscc=new_code)
    assert created.park == cast.park  # the officer's only park
    assert created.registered_capital == Decimal("10000000.00")
    assert (created.tech_field, created.size_class, str(created.registered_on)) == (
        "4",
        "small",
        "2016-01-01",
    )
    assert Enterprise.objects.get(pk=cast.ent_a.pk).name == "企业甲（更名）有限公司"

    by_user = preview(cast.user_a, "enterprises", xlsx(rows, title="企业名录"), name="again.xlsx")
    assert by_user.errors == [[2, "统一社会信用代码", new_code, "该记录不在您的管理范围内，无权修改"]]
    newcomer = [rows[0], [make_uscc(778), "另一家公司", None, None, None, None, None]]
    refused = preview(cast.user_a, "enterprises", xlsx(newcomer, title="企业名录"))
    assert refused.errors == [[2, "统一社会信用代码", make_uscc(778), "您无权新增企业，只能更新本企业的信息"]]


def test_ip_records_match_on_enterprise_and_number(cast):
    head = ["统一社会信用代码", "类型", "专利号", "名称", "授权日", "有海外同族专利"]
    rows = [head, [cast.ent_a.uscc, "发明专利", "ZL202110123456.7", "一种提锂方法", "2023/8/15", "是"]]
    commit(preview(cast.agency, "ip_records", xlsx(rows, title="知识产权")), cast.agency)
    rows[1][3] = "一种盐湖提锂方法"
    again = preview(cast.agency, "ip_records", xlsx(rows, title="知识产权"))
    assert (again.rows_update, again.rows_create) == (1, 0)
    commit(again, cast.agency)
    record = IPRecord.objects.get()
    assert (record.title, record.overseas_family, str(record.granted_on)) == (
        "一种盐湖提锂方法",
        True,
        "2023-08-15",
    )


def test_example_rows_from_the_template_are_ignored(cast):
    rows = [HEAD + ["行说明"], ["91632801MA7G2XY87R", 2024, 1, 1, 1, 1, "示例（导入时忽略）"]]
    rows.append([cast.ent_a.uscc, 2024, 5, 1, 1, 1, None])
    batch = preview(cast.officer, "annual_data", xlsx(rows))
    assert (batch.example_rows, batch.rows_total, batch.rows_create) == (1, 1, 1)
    assert "已忽略 1 行示例数据。" in batch.warnings


def test_refused_files_get_an_invalid_batch_with_the_reason(cast):
    from .attack_files import billion_laughs

    batch = preview(cast.officer, "annual_data", billion_laughs(), name="../../etc/evil.xlsx")
    assert batch.status == BatchStatus.INVALID
    assert "DTD/实体定义" in batch.file_errors[0]
    assert batch.file_name == "evil.xlsx"
    assert batch.stored_name == ""
    assert ImportBatch.objects.count() == 1


def test_missing_required_columns_are_a_file_error(cast):
    batch = preview(
        cast.officer, "annual_data", xlsx([["统一社会信用代码", "职工总数"], [cast.ent_a.uscc, 1]])
    )
    assert batch.file_errors == ["缺少必填列：年度。请使用最新模板。"]


def test_a_record_edited_between_reading_and_writing_is_not_overwritten(cast, monkeypatch):
    existing = AnnualDataFactory(enterprise=cast.ent_a, year=2024, employees=80)
    real_load = engine._load_existing

    def load_then_someone_edits(dataset, keys, **kwargs):
        found = real_load(dataset, keys, **kwargs)
        AnnualData.objects.filter(pk=existing.pk).update(employees=81, version=2)
        return found

    batch = preview(cast.officer, "annual_data", xlsx([HEAD, [cast.ent_a.uscc, 2024, 90, None, None, None]]))
    monkeypatch.setattr(engine, "_load_existing", load_then_someone_edits)
    batch, job = commit(batch, cast.officer)
    assert job.status == JobStatus.FAILED
    assert "导入期间有记录被他人修改" in job.message
    existing.refresh_from_db()
    # The other person's edit stands and the import's 90 was not written over it.
    assert existing.employees == 81
