import datetime as dt
import io
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from innoladder.core.models import AuditEntry, AuditEvent, JobStatus
from innoladder.core.testing.factories import AnnualDataFactory, EnterpriseFactory
from innoladder.enterprises.models import AnnualData, Enterprise
from innoladder.exchange import layout, selectors, services
from innoladder.recognitions.models import Recognition, rules_by_scheme

DOCS = Path(__file__).resolve().parents[3] / "docs" / "exchange.md"


def _export(user, fmt):
    job = services.export_start(user=user, fmt=fmt)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.message
    return job, services.export_file(job, user)


def _json(user) -> dict:
    _job, path = _export(user, "json")
    return json.loads(path.read_text(encoding="utf-8"))


def test_json_export_round_trips_the_database(cast, registry_data, clock):
    document = _json(cast.officer)
    today = timezone.localdate()
    assert document["format"] == "innoladder-exchange" and document["version"] == 1
    assert document["as_of"] == today.isoformat() and document["money_unit"] == "元"
    park_ids = set(Enterprise.objects.filter(park=cast.park).values_list("pk", flat=True))
    exported = {e["uscc"]: e for e in document["enterprises"]}
    assert set(exported) == set(Enterprise.objects.filter(pk__in=park_ids).values_list("uscc", flat=True))
    assert document["counts"] == {"enterprises": len(park_ids), "recognitions": 1}
    fields = [f.name for f in layout.ENTERPRISE_FIELDS] + ["latest_annual_data"]
    for enterprise in Enterprise.objects.filter(pk__in=park_ids):
        record = exported[enterprise.uscc]
        assert list(record) == fields
        assert record["name"] == enterprise.name and record["park"] == cast.park.name
        capital = enterprise.registered_capital
        assert record["registered_capital"] == (None if capital is None else f"{capital:.2f}")
        latest = AnnualData.objects.filter(enterprise=enterprise).order_by("-year").first()
        if latest is None:
            assert record["latest_annual_data"] is None
            continue
        annual = record["latest_annual_data"]
        assert list(annual) == [f.name for f in layout.ANNUAL_FIELDS]
        assert annual["year"] == latest.year
        for name in ("sales_revenue", "rd_expense", "net_profit", "total_assets"):
            stored = getattr(latest, name)
            assert (Decimal(annual[name]) if annual[name] is not None else None) == stored
        assert annual["employees"] == latest.employees
    a = exported[cast.ent_a.uscc]
    assert (
        a["former_names"] == ["企业甲旧名有限公司"] and a["tech_field"] == "4" and a["size_class"] == "small"
    )
    rules = rules_by_scheme()
    (recognition,) = document["recognitions"]
    stored = Recognition.objects.get(number=recognition["number"])
    assert list(recognition) == [f.name for f in layout.RECOGNITION_FIELDS]
    assert recognition["enterprise_uscc"] == stored.enterprise.uscc
    assert recognition["issued_on"] == stored.issued_on.isoformat()
    assert recognition["valid_until"] == stored.valid_until.isoformat()
    assert recognition["status"] == stored.status_on(today, rules[stored.scheme])
    assert recognition["scheme"] == "hnte" and recognition["level"] == "national"


def test_every_exported_field_is_documented():
    text = DOCS.read_text(encoding="utf-8")
    for field in (*layout.ENTERPRISE_FIELDS, *layout.ANNUAL_FIELDS, *layout.RECOGNITION_FIELDS):
        assert f"| `{field.name}` | {field.label} |" in text, field.name


def test_xlsx_export_has_two_sheets_with_chinese_headers_and_the_same_values(cast, registry_data, clock):
    _job, path = _export(cast.officer, "xlsx")
    wb = load_workbook(io.BytesIO(path.read_bytes()))
    assert wb.sheetnames == ["企业名录", "资质认定"]
    sheet = wb["企业名录"]
    headers = [c.value for c in sheet[1]]
    assert headers == [c.title for c in layout.enterprise_columns()]
    assert {"统一社会信用代码", "注册资本(元)", "数据年度", "销售收入(元)", "技术领域"} <= set(headers)
    rows = {r[0]: dict(zip(headers, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {cast.ent_a.uscc, cast.ent_b.uscc}
    a = rows[cast.ent_a.uscc]
    assert a["注册资本(元)"] == 52000000 and a["数据年度"] == 2027
    assert a["销售收入(元)"] == pytest.approx(73456789.12) and a["净利润(元)"] == pytest.approx(-150000.25)
    assert a["技术领域"] == "新材料" and a["企业规模"] == "小型" and a["曾用名"] == "企业甲旧名有限公司"
    assert rows[cast.ent_b.uscc]["数据年度"] is None
    rec_sheet = wb["资质认定"]
    rec_headers = [c.value for c in rec_sheet[1]]
    assert rec_headers == [f.label for f in layout.RECOGNITION_FIELDS]
    (row,) = [
        dict(zip(rec_headers, r, strict=True)) for r in rec_sheet.iter_rows(min_row=2, values_only=True)
    ]
    assert (
        row["证书编号"] == "GR202663000777" and row["认定类别"] == "高新技术企业" and row["级别"] == "国家级"
    )
    assert row["发证日期"].date() == registry_data["hnte"].issued_on


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("officer", {"ent_a", "ent_b"}),
        ("other_officer", {"ent_other_park"}),
        ("agency", {"ent_a"}),
        ("user_a", {"ent_a"}),
        ("user_b", {"ent_b"}),
        ("expired_agency", set()),
        ("admin", {"ent_a", "ent_b", "ent_other_park"}),
    ],
)
def test_export_holds_only_the_users_enterprises_and_their_recognitions(cast, registry_data, who, sees):
    document = _json(getattr(cast, who))
    usccs = {getattr(cast, name).uscc for name in sees}
    assert {e["uscc"] for e in document["enterprises"]} == usccs
    assert {r["enterprise_uscc"] for r in document["recognitions"]} <= usccs
    held = set(Recognition.objects.filter(enterprise__uscc__in=usccs).values_list("number", flat=True))
    assert {r["number"] for r in document["recognitions"]} == held


def test_export_is_audited_and_downloadable_only_by_its_requester(cast, registry_data):
    job, path = _export(cast.officer, "json")
    entry = AuditEntry.objects.get(
        event_type=AuditEvent.EXPORT, object_type="exchange", object_id=str(job.pk)
    )
    assert entry.changes["enterprises"] == 2 and entry.changes["recognitions"] == 1
    assert entry.changes["format"] == "json" and entry.actor_id == cast.officer.pk
    assert services.export_file(job, cast.other_officer) is None
    assert services.export_file(job, cast.admin) is None


def test_paged_reading_gives_the_same_document_as_one_page(cast, registry_data, monkeypatch):
    today = timezone.localdate()
    whole = "".join(services.json_chunks(cast.admin, today=today)).split('"enterprises"', 1)[1]
    monkeypatch.setattr(selectors, "PAGE", 1)
    paged = "".join(services.json_chunks(cast.admin, today=today)).split('"enterprises"', 1)[1]
    assert json.loads('{"enterprises"' + paged) == json.loads('{"enterprises"' + whole)


def test_reading_a_page_costs_the_same_queries_whatever_its_size(cast, registry_data):
    def queries() -> int:
        officer = type(cast.officer).objects.get(pk=cast.officer.pk)  # no scope cached on the object
        with CaptureQueriesContext(connection) as captured:
            list(selectors.enterprise_rows(officer))
        return len(captured)

    before = queries()
    for i in range(30):
        AnnualDataFactory(enterprise=EnterpriseFactory(park=cast.park), year=2020 + i % 5)
    assert queries() == before


def test_purge_deletes_old_files_only(cast, registry_data):
    job, path = _export(cast.officer, "json")
    assert services.purge_exports() == 0 and path.exists()
    old = (timezone.now() - dt.timedelta(minutes=services.EXPORT_FILE_TTL_MINUTES + 1)).timestamp()
    os.utime(path, (old, old))
    assert services.purge_exports() == 1 and not path.exists()
    assert services.export_file(job, cast.officer) is None
