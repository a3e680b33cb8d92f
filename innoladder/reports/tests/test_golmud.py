"""The Golmud scenario: for the demo data and the first half of 2023 the generated report states each figure,
checked against an independent count of the rows with the ORM.

Each test is skipped (with the reason) only while the module holding its records has no model yet; once the
module is merged the test runs, whatever the data says.
"""

import datetime as dt
import io
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction

from innoladder.reports.providers import requirement_met

START, END = dt.date(2023, 1, 1), dt.date(2023, 6, 30)


def requires(*models: str):
    missing = [m for m in models if not requirement_met(m)]
    return pytest.mark.skipif(bool(missing), reason=f"模块尚未合并，缺少模型：{'、'.join(missing)}")


@pytest.fixture(scope="module")
def golmud(django_db_setup, django_db_blocker):
    """Load the demo once for the module and generate the H1 2023 report as the demo officer; everything is
    rolled back afterwards."""
    from innoladder.accounts.models import User
    from innoladder.enterprises.models import Park
    from innoladder.reports.services import report_generate

    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("load_demo", stdout=io.StringIO())
            park = Park.objects.get(name="格尔木工业园")
            officer = User.objects.get(username="officer")
            report = report_generate(user=officer, park=park, start=START, end=END)
            yield {"park": park, "officer": officer, "report": report}
            transaction.set_rollback(True)


def facts_starting(report, prefix: str) -> list[dict]:
    return [f for f in report.facts if f["key"].startswith(prefix)]


def in_text(report, fact: dict) -> bool:
    """The fact's sentence is part of its section's generated text."""
    section = next(s for s in report.sections if s["key"] == fact["section"])
    return fact["sentence"] in section["text"] and fact["key"] in section["fact_keys"]


def dated_fact(golmud, model: str, date_field: str, key: str):
    """The report's fact `key` and, counted independently, the park's rows of `model` dated in the period
    by `date_field`: the fact names exactly those rows and its sentence stands in its section's text."""
    from django.apps import apps

    park, report = golmud["park"], golmud["report"]
    rows = apps.get_model(model).objects.filter(
        enterprise__park=park, **{f"{date_field}__gte": START, f"{date_field}__lte": END}
    )
    fact = report.fact(key)
    assert set(fact["row_ids"]) == set(rows.values_list("pk", flat=True))
    assert in_text(report, fact)
    return rows, fact


@requires("recognitions.Application", "recognitions.ApplicationTransition")
def test_three_re_recognition_preparations(golmud, db):
    from innoladder.recognitions.models import ApplicationTransition

    park, report = golmud["park"], golmud["report"]
    # Independently: renewal applications with a workflow step in the period, still 意向/材料准备 at its end.
    moved = set(
        ApplicationTransition.objects.filter(
            application__enterprise__park=park, application__kind="renewal", on__gte=START, on__lte=END
        ).values_list("application_id", flat=True)
    )
    still_preparing = set()
    for app_id in moved:
        last = (
            ApplicationTransition.objects.filter(application_id=app_id, on__lte=END)
            .order_by("on", "at", "pk")
            .last()
        )
        if last.to_status in ("intent", "preparing"):
            still_preparing.add(app_id)
    facts = facts_starting(report, "recognitions.preparing.renewal.")
    assert len(still_preparing) == 3
    assert sum(f["count"] for f in facts) == 3
    assert {i for f in facts for i in f["row_ids"]} == still_preparing
    sentence = " ".join(f["sentence"] for f in facts)
    assert "柏丽姿日化" in sentence and "3家企业" in sentence and "重新认定准备工作" in sentence
    assert all(in_text(report, f) for f in facts)


@requires("recognitions.Recognition")
def test_nine_innovative_smes(golmud, db):
    from innoladder.recognitions.models import Recognition

    park, report = golmud["park"], golmud["report"]
    rows = Recognition.objects.filter(
        enterprise__park=park, scheme="innovative_sme", issued_on__gte=START, issued_on__lte=END
    )
    assert rows.values("enterprise").distinct().count() == 9
    facts = facts_starting(report, "recognitions.issued.innovative_sme.")
    assert sum(f["count"] for f in facts) == 9
    assert {i for f in facts for i in f["row_ids"]} == set(rows.values_list("pk", flat=True))
    assert "9家企业" in facts[0]["sentence"] and "创新型中小企业" in facts[0]["sentence"]
    assert in_text(report, facts[0])


@requires("services.Visit")
def test_more_than_thirty_enterprises_visited(golmud, db):
    from innoladder.enterprises.models import Enterprise

    park, report = golmud["park"], golmud["report"]
    visited = set(
        Enterprise.objects.filter(park=park, visits__visited_on__gte=START, visits__visited_on__lte=END)
        .distinct()
        .values_list("pk", flat=True)
    )
    fact = report.fact("services.visited_enterprises")
    assert len(visited) > 30
    assert fact["count"] == len(visited)
    assert set(fact["row_ids"]) == visited
    assert f"{len(visited)}家企业" in fact["sentence"]
    assert in_text(report, fact)


@requires("cooperation.Cooperation")
def test_two_and_three_cooperation_projects(golmud, db):
    from innoladder.cooperation.models import Cooperation

    park, report = golmud["park"], golmud["report"]
    rows = Cooperation.objects.filter(enterprise__park=park, signed_on__gte=START, signed_on__lte=END)
    per_enterprise = Counter(rows.values_list("enterprise__name", flat=True))
    salt_lake = next(n for n in per_enterprise if "盐湖股份" in n)
    potash = next(n for n in per_enterprise if "三元钾肥" in n)
    assert per_enterprise[salt_lake] == 2 and per_enterprise[potash] == 3
    facts = {f["label"]: f for f in facts_starting(report, "cooperation.projects.")}
    assert facts["盐湖股份产学研合作项目"]["count"] == 2
    assert "武汉工程大学" in facts["盐湖股份产学研合作项目"]["sentence"]
    assert facts["三元钾肥产学研合作项目"]["count"] == 3
    assert sum(f["count"] for f in facts.values()) == rows.count()
    assert all(in_text(report, f) for f in facts.values())


@requires("cooperation.PatentIntroduction")
def test_five_patents_introduced(golmud, db):
    rows, fact = dated_fact(golmud, "cooperation.PatentIntroduction", "introduced_on", "cooperation.patents")
    assert rows.count() == 5 == fact["count"]
    assert "5项" in fact["sentence"] and "海珠镁业" in fact["sentence"] and "盛隆塑编" in fact["sentence"]


@requires("cooperation.Talent")
def test_eleven_talents(golmud, db):
    rows, fact = dated_fact(golmud, "cooperation.Talent", "recorded_on", "cooperation.talents")
    assert rows.count() == 11 == fact["count"]
    assert "11名" in fact["sentence"] and "盐湖镁业" in fact["sentence"]


@requires("rnd.SubsidyAward")
def test_seven_hundred_seventy_five_wan_of_subsidies(golmud, db):
    from django.db.models import Sum

    rows, fact = dated_fact(golmud, "rnd.SubsidyAward", "awarded_on", "rnd.subsidies")
    total = rows.aggregate(total=Sum("amount"))["total"]
    assert total == Decimal("7750000.00")
    assert Decimal(fact["amount"]) == total
    assert "775万元" in fact["sentence"]


@requires("enterprises.Award.awarded_on")
def test_the_two_awards_conferred_in_the_half_year(golmud, db):
    from innoladder.enterprises.models import Award

    park, report = golmud["park"], golmud["report"]
    rows = Award.objects.filter(enterprise__park=park, awarded_on__gte=START, awarded_on__lte=END)
    assert {(a.enterprise.name, a.name) for a in rows} == {
        ("青海盐湖镁业有限公司", "国际镁科学技术奖"),
        ("青海盐湖股份有限公司", "青海省科学技术进步奖"),
    }
    facts = facts_starting(report, "enterprises.awards.")
    assert {i for f in facts for i in f["row_ids"]} == set(rows.values_list("pk", flat=True))
    text = next(s for s in report.sections if s["key"] == facts[0]["section"])["text"]
    for award in rows:
        on = award.awarded_on
        assert f"{on.year}年{on.month}月{on.day}日" in text
    assert "盐湖镁业荣获2022年度国际镁科学技术奖年度创新特别贡献奖" in text
    assert "盐湖股份参与完成的“基于青藏高原光热储能技术研究”项目荣获2022年度青海省科学技术进步奖" in text
    assert all(in_text(report, f) for f in facts)


@requires("cooperation.Cooperation")
def test_cooperation_projects_are_counted_in_ge_as_the_park_writes(golmud, db):
    facts = {f["label"]: f for f in facts_starting(golmud["report"], "cooperation.projects.")}
    assert facts["盐湖股份产学研合作项目"]["sentence"].endswith("产学研合作项目2个")
    assert facts["三元钾肥产学研合作项目"]["sentence"].endswith("产学研合作项目3个")
