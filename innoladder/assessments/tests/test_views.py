import datetime as dt

import pytest
from django.apps import apps
from freezegun import freeze_time

from innoladder.assessments import services
from innoladder.assessments.models import Assessment
from innoladder.core.models import Job
from innoladder.core.testing.access import LOGIN, assert_access
from innoladder.core.testing.factories import EnterpriseFactory
from innoladder.core.testing.sheets import sheet_rows
from innoladder.enterprises.models import Enterprise

from .factories import add_years, assess_cast, listed

ON = dt.date(2023, 6, 30)


@pytest.fixture
def assessed(cast):
    """ent_a close to HNTE (only the score fails), ent_b far (tech staff 9% too), outer park close."""
    return assess_cast(cast, (15, 9, 15), ON)


def test_enterprise_assessment_page_scope(client, assessed):
    url = f"/assessments/enterprise/{assessed.ent_a.pk}/"
    assert_access(
        client, assessed, url, {"admin": 200, "officer": 200, "agency": 200, "user_a": 200, "auditor": 200}
    )


def test_assessment_detail_scope(client, assessed):
    assessment = Assessment.objects.get(enterprise=assessed.ent_a)
    expected = {"admin": 200, "officer": 200, "agency": 200, "user_a": 200, "auditor": 200}
    assert_access(client, assessed, f"/assessments/{assessment.pk}/", expected)


def test_run_assessment_scope(client, assessed):
    url = f"/assessments/enterprise/{assessed.ent_a.pk}/run/"
    expected = {"admin": 302, "officer": 302, "agency": 302, "user_a": 302}
    assert_access(client, assessed, url, expected, method="post")
    # four permitted runs, each a new latest assessment
    assert Assessment.objects.filter(enterprise=assessed.ent_a).count() == 5


def test_run_assessment_with_htmx_returns_the_panel(client, assessed):
    client.force_login(assessed.officer)
    with freeze_time("2023-06-30 10:00"):
        response = client.post(f"/assessments/enterprise/{assessed.ent_a.pk}/run/", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and 'id="assessment-panel"' in html
    assert "创新能力评价还差" in html  # the HNTE score gap
    assert (
        Assessment.objects.filter(enterprise=assessed.ent_a, is_latest=True).get().run_by == assessed.officer
    )


def test_enterprise_page_shows_ladder_criteria_and_plan(client, assessed):
    client.force_login(assessed.officer)
    html = client.get(f"/assessments/enterprise/{assessed.ent_b.pk}/").content.decode()
    assert 'data-scheme="hnte" data-standing="far"' in html
    assert 'data-scheme="qh_tech_enterprise" data-standing="close"' in html
    # 9 of 100 employees: 10% needs 2 more when new hires also count as employees
    assert "还需新增 2 名科技人员" in html
    assert "下一步培育建议" in html and "国科发火〔2016〕32号" in html


def test_candidates_scope(client, assessed):
    allowed = {n: 200 for n in ("admin", "officer", "other_officer", "agency", "expired_agency", "auditor")}
    assert_access(client, assessed, "/assessments/candidates/", allowed)
    assert_access(client, assessed, "/assessments/candidates/export/", allowed)


def test_candidates_rows_follow_the_users_scope(client, assessed):
    client.force_login(assessed.officer)
    assert listed(client.get("/assessments/candidates/?scheme=hnte")) == ["企业甲有限公司", "企业乙有限公司"]
    client.force_login(assessed.other_officer)
    assert listed(client.get("/assessments/candidates/?scheme=hnte")) == ["外园企业有限公司"]
    client.force_login(assessed.agency)
    assert listed(client.get("/assessments/candidates/?scheme=hnte")) == ["企业甲有限公司"]
    client.force_login(assessed.expired_agency)
    assert listed(client.get("/assessments/candidates/?scheme=hnte")) == []


def test_candidates_ranked_by_closeness_and_filtered(client, assessed):
    client.force_login(assessed.admin)
    response = client.get("/assessments/candidates/?scheme=qh_tech_enterprise")
    # eligible ones first (ent_a, outer park), then ent_b which misses one condition
    assert listed(response) == ["企业甲有限公司", "外园企业有限公司", "企业乙有限公司"]
    assert "满足 6/7 项条件" in response.content.decode()
    close = client.get("/assessments/candidates/?scheme=qh_tech_enterprise&standing=close")
    assert listed(close) == ["企业乙有限公司"]
    park = client.get(f"/assessments/candidates/?scheme=hnte&park={assessed.other_park.pk}")
    assert listed(park) == ["外园企业有限公司"]
    assert listed(client.get("/assessments/candidates/?scheme=hnte&tech_field=1")) == []
    assert len(listed(client.get("/assessments/candidates/?scheme=hnte&industry="))) == 3


def test_held_recognitions_leave_the_candidates_list(client, assessed):
    if not apps.is_installed("innoladder.recognitions"):
        pytest.skip("recognitions app not installed")
    try:
        recognition = apps.get_model("recognitions", "Recognition")
    except LookupError:
        pytest.skip("Recognition model not yet on main")
    recognition.objects.create(
        enterprise=assessed.ent_a,
        scheme="qh_tech_enterprise",
        level="provincial",
        issued_on=dt.date(2022, 12, 1),
    )
    services.assess_enterprise(user=assessed.admin, enterprise=assessed.ent_a, on=ON)
    client.force_login(assessed.admin)
    assert "企业甲有限公司" not in listed(client.get("/assessments/candidates/?scheme=qh_tech_enterprise"))
    held = client.get("/assessments/candidates/?scheme=qh_tech_enterprise&standing=held")
    assert listed(held) == ["企业甲有限公司"]


def test_candidates_export_contents(client, assessed):
    client.force_login(assessed.officer)
    response = client.get("/assessments/candidates/export/?scheme=hnte")
    rows = sheet_rows(response)
    assert rows[0][:3] == ("企业名称", "统一社会信用代码", "园区")
    assert [(r[0], r[6], r[8], r[9]) for r in rows[1:]] == [
        ("企业甲有限公司", "接近", 8, 9),
        ("企业乙有限公司", "差距较大", 7, 9),
    ]


def test_candidates_query_count_is_constant(client, assessed, django_assert_max_num_queries):
    client.force_login(assessed.officer)
    client.get("/assessments/candidates/?scheme=hnte")
    for index in range(10):
        ent = EnterpriseFactory(park=assessed.park, name=f"新增企业{index}")
        add_years(ent)
    services.assess_many(user=assessed.admin, queryset=Enterprise.objects.all(), on=ON)
    with django_assert_max_num_queries(12):
        response = client.get("/assessments/candidates/?scheme=hnte")
    assert len(listed(response)) == 12


def test_batch_run_scope_and_job(client, assessed):
    expected = {"admin": 302, "officer": 302, "other_officer": 302}
    assert_access(
        client, assessed, "/assessments/candidates/run/", expected, method="post", data={"on": "2023-06-30"}
    )
    client.force_login(assessed.officer)
    response = client.post("/assessments/candidates/run/?scheme=hnte&tech_field=4", {"on": "2023-06-30"})
    job = Job.objects.filter(created_by=assessed.officer).latest("created_at")
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert job.params == {"scheme": "hnte", "tech_field": "4", "on": "2023-06-30"}
    assert set(Assessment.objects.filter(job=job).values_list("enterprise_id", flat=True)) == {
        assessed.ent_a.pk,
        assessed.ent_b.pk,
    }


def _counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


CALCULATOR_DATA = {
    "registered_on": "2015-03-01",
    "registered_in_qinghai": "on",
    "tech_field": "4",
    "rd_all_domestic": "on",
    "ip_invention_patent": "1",
    "ip_utility_model": "0",
    "ip_software_copyright": "0",
    "ip_design_patent": "0",
}


def _calculator_data(on):
    data = dict(CALCULATOR_DATA)
    for year in (on.year - 3, on.year - 2, on.year - 1):
        data.update(
            {
                f"y{year}_sales_revenue": "5000",
                f"y{year}_main_revenue": "5000",
                f"y{year}_hitech_revenue": "3500",
                f"y{year}_rd_expense": "300",
                f"y{year}_net_profit": "400",
                f"y{year}_total_assets": "8000",
                f"y{year}_total_liabilities": "3000",
                f"y{year}_employees": "100",
                f"y{year}_tech_staff": "9",
                f"y{year}_rd_staff": "10",
            }
        )
    return data


def test_calculator_is_public_and_for_everyone(client, cast):
    assert_access(client, cast, "/assessments/calculator/", {name: 200 for name in cast.users()})


def test_calculator_shows_results_and_gaps_and_stores_nothing(client, cast):
    from django.utils import timezone

    before = _counts()
    response = client.post("/assessments/calculator/", _calculator_data(timezone.localdate()))
    html = response.content.decode()
    assert response.status_code == 200
    assert _counts() == before
    assert "自评结果" in html
    # 9 of 100 employees: the Qinghai and HNTE 10% conditions each need 2 more tech staff
    assert html.count("还需新增 2 名科技人员") >= 2
    assert 'data-scheme="qh_tech_enterprise" data-standing="close"' in html
    assert 'href="/accounts/login/"' in html


def test_calculator_requires_csrf(cast):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/assessments/calculator/", CALCULATOR_DATA)
    assert response.status_code == 403


def test_calculator_reports_missing_fields(client, db):
    response = client.post("/assessments/calculator/", {})
    assert response.status_code == 200 and "自评结果" not in response.content.decode()
    assert response.context["form"].errors["registered_on"]


def test_anonymous_is_sent_to_login_on_staff_pages(client, assessed):
    for url in ("/assessments/candidates/", f"/assessments/enterprise/{assessed.ent_a.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), LOGIN


def test_home_panel_counts_near_enterprises_in_scope(client, assessed):
    from innoladder.assessments.home import home_panels

    # qh: ent_a and the outer-park enterprise eligible, ent_b close; HNTE: ent_a close
    assert home_panels(assessed.officer)[0]["value"] == 2
    assert home_panels(assessed.other_officer)[0]["value"] == 1
    assert home_panels(assessed.user_a) == []


def test_enterprise_page_carries_the_panel_and_timeline(client, assessed):
    client.force_login(assessed.officer)
    page = client.get(f"/enterprises/{assessed.ent_a.pk}/").content.decode()
    assert f'hx-get="/enterprises/{assessed.ent_a.pk}/sections/assessments/"' in page
    html = client.get(f"/enterprises/{assessed.ent_a.pk}/sections/assessments/").content.decode()
    assert 'id="assessment-panel"' in html and 'id="run-assessment"' in html
    timeline = client.get(f"/enterprises/{assessed.ent_a.pk}/timeline/").content.decode()
    assert "梯度评估（基准日 2023-06-30）" in timeline
