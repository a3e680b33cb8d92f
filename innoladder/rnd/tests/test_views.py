"""Every page, export and action of the module against the cast; xlsx outputs; query counts."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from innoladder.core.testing.access import LOGIN, OK, READ_A, assert_access, request_as, status_for
from innoladder.core.testing.sheets import sheet_rows
from innoladder.rnd import services
from innoladder.rnd.models import LedgerLine, SubsidyRule

from .factories import RDProjectFactory, line

pytestmark = pytest.mark.django_db
D = Decimal
CHANGE_A = {"admin": OK, "officer": OK, "agency": OK, "user_a": OK}
FOUND = 302


@pytest.fixture
def ledger(cast):
    own = RDProjectFactory(enterprise=cast.ent_a, code="A-01", name="甲项目")
    entrusted = RDProjectFactory(
        enterprise=cast.ent_a,
        code="A-02",
        name="甲委托",
        form="entrusted_domestic",
        contract_registration_no="R1",
    )
    line(own, "personnel", "90000.00", dt.date(2022, 3, 31), voucher_no="记-0001")
    line(own, "other_costs", "20000.00", dt.date(2022, 4, 30), voucher_no="记-0002")
    line(entrusted, "entrusted_domestic", "50000.00", dt.date(2022, 6, 30), voucher_no="记-0003")
    other = RDProjectFactory(enterprise=cast.ent_b, code="B-01")
    line(other, "personnel", "1000.00", dt.date(2022, 3, 31))
    run = services.compute_for(enterprise=cast.ent_a, year=2022)
    return {"own": own, "entrusted": entrusted, "other": other, "run": run}


def test_pages_are_scoped_for_the_cast(client, cast, ledger):
    a, own = cast.ent_a.pk, ledger["own"]
    any_user = {**READ_A, "user_b": OK, "expired_agency": OK, "other_officer": OK}
    assert_access(client, cast, "/rnd/", any_user)
    assert_access(client, cast, "/rnd/projects/", any_user)
    assert_access(client, cast, "/rnd/lines/", any_user)
    assert_access(client, cast, f"/rnd/projects/{own.pk}/?year=2022", READ_A)
    assert_access(client, cast, f"/rnd/projects/{own.pk}/edit/", CHANGE_A)
    assert_access(client, cast, f"/rnd/projects/{own.pk}/lines/new/", CHANGE_A)
    assert_access(client, cast, f"/rnd/enterprises/{a}/projects/new/", CHANGE_A)
    assert_access(client, cast, f"/rnd/enterprises/{a}/2022/", READ_A)
    assert_access(client, cast, f"/rnd/enterprises/{a}/2022/xlsx/", READ_A)
    assert_access(client, cast, f"/rnd/enterprises/{a}/2022/profile/", CHANGE_A)
    line_pk = LedgerLine.objects.filter(project=own).first().pk
    assert_access(client, cast, f"/rnd/lines/{line_pk}/edit/", CHANGE_A)


def test_lists_show_only_rows_in_scope(client, cast, ledger):
    client.force_login(cast.user_b)
    body = client.get("/rnd/lines/").content.decode()
    assert "B-01" in body and "A-01" not in body
    client.force_login(cast.other_officer)
    body = client.get("/rnd/projects/").content.decode()
    assert "A-01" not in body and "B-01" not in body


def test_write_actions_are_scoped(client, cast, ledger):
    a = cast.ent_a.pk
    compute = {"admin": FOUND, "officer": FOUND, "agency": FOUND, "user_a": FOUND}
    assert_access(
        client, cast, f"/rnd/enterprises/{a}/2022/", compute, method="post", data={"action": "compute"}
    )
    line_pk = LedgerLine.objects.filter(project=ledger["own"], voucher_no="记-0001").get().pk
    for name in ("user_b", "auditor", "other_officer", "expired_agency"):
        assert status_for(client, getattr(cast, name), f"/rnd/lines/{line_pk}/delete/", "post") == 404
    assert LedgerLine.objects.filter(pk=line_pk).exists()
    assert status_for(client, cast.user_a, f"/rnd/lines/{line_pk}/delete/", "post") == FOUND
    assert not LedgerLine.objects.filter(pk=line_pk).exists()
    # Only bureau staff push to annual data; the enterprise user gets 404.
    push = {"admin": FOUND, "officer": FOUND}
    assert_access(
        client,
        cast,
        f"/rnd/enterprises/{a}/2022/",
        push,
        method="post",
        data={"action": "push", "confirm": "1"},
    )


def _post_line(client, project, booked_to, voucher_no, summary, amount, category):
    """Posts the new-line form of `project`, booking the line to the project `booked_to`."""
    return client.post(
        f"/rnd/projects/{project.pk}/lines/new/",
        {
            "project": booked_to.pk,
            "date": "2022-07-31",
            "voucher_no": voucher_no,
            "line_no": 1,
            "summary": summary,
            "amount": amount,
            "category": category,
        },
    )


def test_enterprise_user_adds_a_line_on_screen(client, cast, ledger):
    client.force_login(cast.user_a)
    own = ledger["own"]
    response = _post_line(client, own, own, "记-0100", "材料领用", "1234.50", "direct_input")
    assert response.status_code == 302
    created = LedgerLine.objects.get(voucher_no="记-0100")
    assert created.enterprise == cast.ent_a and created.amount == D("1234.50")
    # The other enterprise's project cannot be chosen.
    response = _post_line(client, own, ledger["other"], "记-0101", "x", "1", "personnel")
    assert response.status_code == 200 and not LedgerLine.objects.filter(voucher_no="记-0101").exists()


def test_computation_page_shows_figures_explanations_and_push_difference(client, cast, ledger):
    from innoladder.core.testing.factories import AnnualDataFactory

    AnnualDataFactory(enterprise=cast.ent_a, year=2022, rd_expense=D("150000.00"))
    client.force_login(cast.officer)
    body = client.get(f"/rnd/enterprises/{cast.ent_a.pk}/2022/").content.decode()
    # core 90,000 → cap 10,000; entrusted 50,000 × 80% = 40,000; 2022 general → 81.25%.
    assert "10,000.00" in body and "40,000.00" in body
    assert "前五类费用合计90,000.00元×10%÷(1−10%)=10,000.00元" in body
    assert ledger["run"].extra_deduction == D("113750.00")
    assert "113,750.00" in body
    # the A107012 project count reads as a count and the rate as a percentage, not as yuan
    a107012 = body[body.index("A107012") :]
    assert re.search(r'<td class="text-end">2</td>', a107012)
    assert re.search(r'<td class="text-end">\d+(\.\d+)?%</td>', a107012)
    assert "辅助账合计与年度数据不一致" in body and "差额10,000.00元" in body
    response = client.post(f"/rnd/enterprises/{cast.ent_a.pk}/2022/", {"action": "push"}, follow=True)
    assert "请确认后覆盖" in response.content.decode()


def test_computation_xlsx_has_ledger_summary_and_a107012(client, cast, ledger):
    client.force_login(cast.user_a)
    response = client.get(f"/rnd/enterprises/{cast.ent_a.pk}/2022/xlsx/")
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["汇总表", "A107012", "项目计算", "项目信息", "辅助账-A-01", "辅助账-A-02"]
    summary = {row[0]: row[1] for row in wb["汇总表"].iter_rows(min_row=2, values_only=True)}
    assert summary["允许加计扣除的研发费用合计"] == 140000.0
    a107012 = list(wb["A107012"].iter_rows(values_only=True))
    assert a107012[0] == ("行次", "项目", "金额", "说明")
    assert a107012[-1][1] == "本年研发费用加计扣除总额" and a107012[-1][2] == 113750.0
    sheet = list(wb["辅助账-A-01"].iter_rows(values_only=True))
    assert sheet[0][:5] == ("日期", "凭证号", "摘要", "金额(元)", "人员人工费用(元)")
    assert sheet[0][-2:] == ("委托研发(境内)(元)", "委托研发(境外)(元)")
    assert (
        sheet[-1][2] == "合计"
        and sheet[-1][3] == 110000.0
        and sheet[-1][4] == 90000.0
        and sheet[-1][9] == 20000.0
    )
    info = list(wb["项目信息"].iter_rows(values_only=True))
    assert info[1][:3] == ("甲项目", "A-01", "自主研发")


def test_line_list_export_follows_the_filter(client, cast, ledger):
    client.force_login(cast.officer)
    response = client.get("/rnd/lines/", {"category": "personnel", "year": "2022", "export": "xlsx"})
    rows = sheet_rows(response)
    assert rows[0][9:11] == ("金额(元)", "金额(万元)")
    assert sorted(r[9] for r in rows[1:]) == [1000.0, 90000.0]


def test_line_list_query_count_does_not_grow(client, cast, django_assert_max_num_queries):
    project = RDProjectFactory(enterprise=cast.ent_a)
    LedgerLine.objects.bulk_create(
        LedgerLine(
            enterprise=cast.ent_a,
            project=project,
            date=dt.date(2022, 1, 1),
            voucher_no=f"v{i}",
            summary="s",
            amount=D("1.00"),
            category="personnel",
        )
        for i in range(120)
    )
    client.force_login(cast.officer)
    with django_assert_max_num_queries(12):
        response = client.get("/rnd/lines/")
    assert response.status_code == 200


def test_subsidy_rule_pages_are_for_the_bureau(client, cast, ledger):
    rule = SubsidyRule.objects.create(
        park=cast.park, year=2023, tax_year=2022, title="园区补助", rate=D("0.1"), cap=D("10000.00")
    )
    bureau = {"admin": OK, "officer": OK, "auditor": OK}
    assert_access(client, cast, "/rnd/subsidy-rules/", {**bureau, "other_officer": OK})
    assert_access(client, cast, f"/rnd/subsidy-rules/{rule.pk}/", bureau)
    assert_access(client, cast, "/rnd/subsidy-rules/new/", {"admin": OK, "officer": OK, "other_officer": OK})
    assert_access(client, cast, f"/rnd/subsidy-rules/{rule.pk}/edit/", {"admin": OK, "officer": OK})
    assert_access(
        client,
        cast,
        f"/rnd/subsidy-rules/{rule.pk}/",
        {"admin": FOUND, "officer": FOUND},
        method="post",
        data={"awarded_on": "2023-05-01"},
    )
    award = rule.awards.get()
    # 113,750 × 10% = 11,375 → capped at 10,000.
    assert award.enterprise == cast.ent_a and award.amount == D("10000.00")
    client.force_login(cast.officer)
    body = client.get(f"/rnd/?park={cast.park.pk}&year=2022").content.decode()
    assert "企业甲有限公司" in body and "1.00" in body


def test_enterprise_panel_and_events(cast, ledger):
    from innoladder.rnd import enterprise_panels

    panel = enterprise_panels.panels(request_as(cast.user_a), cast.ent_a)[0]
    assert "11.38" in panel.html  # 113,750 yuan in 万元
    assert "11.38" not in enterprise_panels.panels(request_as(cast.user_b), cast.ent_a)[0].html


def test_anonymous_is_sent_to_login(client, cast):
    assert_access(
        client,
        cast,
        "/rnd/",
        {
            "admin": OK,
            "officer": OK,
            "other_officer": OK,
            "auditor": OK,
            "agency": OK,
            "expired_agency": OK,
            "user_a": OK,
            "user_b": OK,
            "anonymous": LOGIN,
        },
    )


def test_home_panels(cast, ledger):
    from innoladder.rnd.home import home_panels

    with_year = home_panels(cast.officer)[0]
    assert with_year["title"] == "研发费用辅助账"
    assert home_panels(cast.user_a)[0]["value"] == 2
    assert home_panels(cast.user_b)[0]["value"] == 1


def test_officer_creates_a_rule_only_for_own_park_and_saves_a_profile(client, cast, ledger):
    client.force_login(cast.officer)
    data = {
        "year": 2024,
        "tax_year": 2023,
        "title": "新规则",
        "rate": "0.05",
        "cap": "",
        "base": "deduction_amount",
        "min_amount": "0",
    }
    response = client.post("/rnd/subsidy-rules/new/", {**data, "park": cast.other_park.pk})
    assert response.status_code == 200 and not SubsidyRule.objects.exists()
    response = client.post("/rnd/subsidy-rules/new/", {**data, "park": cast.park.pk})
    assert response.status_code == 302 and SubsidyRule.objects.get().park == cast.park
    client.force_login(cast.user_a)
    response = client.post(
        f"/rnd/enterprises/{cast.ent_a.pk}/2022/profile/",
        {
            "enterprise_type": "general",
            "manufacturing": "on",
            "excluded_industry_revenue": "0",
            "total_income": "0",
            "non_taxable_income": "0",
            "investment_income": "0",
            "offsets": "0",
            "capitalised_amortisation_base": "0",
            "version": "0",  # no profile for the year yet
        },
    )
    assert response.status_code == 302
    run = services.compute_for(enterprise=cast.ent_a, year=2022, user=cast.user_a)
    # Manufacturing in 2022: 100% of 140,000.
    assert run.extra_deduction == D("140000.00")


def test_line_list_offers_the_import_only_to_those_who_may_import(client, cast, ledger):
    """A read-only role sees the ledger lines without a button to a page it would get a 404 on."""
    link = 'href="/imports/rnd_ledger_lines/"'
    for name in ("auditor", "regional", "officer", "user_a"):
        client.force_login(getattr(cast, name))
        page = client.get("/rnd/lines/").content.decode()
        may_import = client.get("/imports/rnd_ledger_lines/").status_code == 200
        assert (link in page) is may_import, name
        assert may_import is (name in ("officer", "user_a")), name


def test_computation_page_reads_in_english_for_an_english_reader(client, cast, ledger):
    """Row labels, explanations, the rate note and the reasons are the engine's Chinese texts, translated at
    display; only data (the enterprise's and projects' names) stays as entered."""
    import re

    client.force_login(cast.officer)
    client.cookies["django_language"] = "en"
    body = client.get(f"/rnd/enterprises/{cast.ent_a.pk}/2022/").content.decode()
    main = body[body.index("<main") : body.index("</main>")]
    data = [cast.ent_a.name, "甲项目", "甲委托", "记-000", "研发支出"]  # names, voucher numbers, summaries
    cells = [
        re.sub(r"<[^>]+>", " ", cell) for cell in re.findall(r"<(?:td|li|strong)[^>]*>(.*?)</", main, re.S)
    ]
    chinese = [
        cell for cell in cells if re.search(r"[\u4e00-\u9fff]", cell) and not any(d in cell for d in data)
    ]
    assert cells and not chinese, chinese
