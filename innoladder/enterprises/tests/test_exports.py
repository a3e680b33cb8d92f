"""xlsx exports of the list, annual data and IP: scoped, filtered, money in 万元, phones masked, audited."""

from decimal import Decimal

from innoladder.core.models import AuditEntry
from innoladder.core.testing.factories import AnnualDataFactory, EnterpriseFactory, IPRecordFactory
from innoladder.core.testing.sheets import sheet_rows


def _sheet(response):
    assert response.status_code == 200
    header, *rows = (list(r) for r in sheet_rows(response))
    return header, rows


def test_enterprise_export_follows_filter_and_scope(client, cast):
    EnterpriseFactory(park=cast.park, name="格尔木光伏有限公司", tech_field="6", contact_phone="13912345678",
                      registered_capital=Decimal("12345678"))  # fmt: skip
    client.force_login(cast.officer)
    header, rows = _sheet(client.get("/enterprises/export/?tech_field=6"))
    assert header[:4] == ["企业名称", "统一社会信用代码", "曾用名", "所属园区"]
    assert "注册资本(万元)" in header
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["企业名称"] == "格尔木光伏有限公司"
    assert row["注册资本(万元)"] == 1234.57
    assert row["联系电话"] == "139****5678"
    entry = AuditEntry.objects.filter(event_type="export").latest("id")
    assert entry.changes == {"filters": {"tech_field": "6"}, "rows": 1} and entry.actor == cast.officer

    client.force_login(cast.user_b)
    _, rows = _sheet(client.get("/enterprises/export/"))
    assert [r[0] for r in rows] == ["企业乙有限公司"]


def test_annual_data_export(client, cast):
    AnnualDataFactory(enterprise=cast.ent_a, year=2023, employees=80, rd_expense=Decimal("2500000"))
    AnnualDataFactory(enterprise=cast.ent_a, year=2024, employees=90, rd_expense=Decimal("3000000"))
    AnnualDataFactory(enterprise=cast.ent_b, year=2024, employees=5)
    client.force_login(cast.agency)  # sees enterprise A only
    header, rows = _sheet(client.get("/enterprises/export/annual-data/"))
    table = [dict(zip(header, r, strict=True)) for r in rows]
    assert [(t["企业名称"], t["年度"], t["职工总数"], t["研发费用(万元)"]) for t in table] == [
        ("企业甲有限公司", 2024, 90, 300.0),
        ("企业甲有限公司", 2023, 80, 250.0),
    ]


def test_ip_export_with_class_and_single_enterprise(client, cast):
    IPRecordFactory(enterprise=cast.ent_a, kind="utility_model", number="ZL2021200000001.1", title="=cmd")
    IPRecordFactory(enterprise=cast.ent_b, kind="invention_patent")
    client.force_login(cast.officer)
    header, rows = _sheet(client.get(f"/enterprises/export/ip/?enterprise={cast.ent_a.pk}"))
    row = dict(zip(header, rows[0], strict=True))
    assert len(rows) == 1
    assert (row["类型"], row["类别"], row["名称"]) == ("实用新型", "Ⅱ类", "'=cmd")
    # Asking for an enterprise outside scope yields an empty sheet, not its rows.
    client.force_login(cast.user_b)
    _, rows = _sheet(client.get(f"/enterprises/export/ip/?enterprise={cast.ent_a.pk}"))
    assert rows == []
