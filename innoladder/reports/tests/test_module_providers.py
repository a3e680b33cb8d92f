"""Each module's providers on factory data: rows dated inside the period count, rows just outside (the day
before, the day after) and rows of another park do not. A test is skipped only while its module has no
model yet."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from innoladder.reports.providers import available, requirement_met

START, END = dt.date(2023, 1, 1), dt.date(2023, 6, 30)
BEFORE, AFTER = dt.date(2022, 12, 31), dt.date(2023, 7, 1)


def requires(*models: str):
    missing = [m for m in models if not requirement_met(m)]
    return pytest.mark.skipif(bool(missing), reason=f"模块尚未合并，缺少模型：{'、'.join(missing)}")


def provincial_batch(cast, name: str, scheme: str):
    """A provincial 2023 batch of the cast's park."""
    from innoladder.recognitions.models import Batch

    return Batch.objects.create(park=cast.park, name=name, scheme=scheme, level="provincial", year=2023)


def run(cast, key: str, start=START, end=END) -> dict:
    provider = next(p for p in available() if p.key == key)
    return {f.key: f for f in provider(cast.officer, cast.park, start, end)}


@requires("collection.Submission.accepted_at")
def test_collection_counts_submissions_accepted_in_the_period(cast):
    from innoladder.collection.models import Campaign, Submission

    campaign = Campaign.objects.create(
        park=cast.park, title="2022年度填报", fiscal_year=2022, opens_on=START, deadline=END
    )
    other = Campaign.objects.create(
        park=cast.other_park, title="外园填报", fiscal_year=2022, opens_on=START, deadline=END
    )
    tz = timezone.get_current_timezone()
    inside = Submission.objects.create(
        campaign=campaign,
        enterprise=cast.ent_a,
        status="accepted",
        accepted_at=dt.datetime(2023, 6, 30, 23, 30, tzinfo=tz),
    )
    Submission.objects.create(
        campaign=campaign,
        enterprise=cast.ent_b,
        status="accepted",
        accepted_at=dt.datetime(2023, 7, 1, 0, 10, tzinfo=tz),
    )
    Submission.objects.create(
        campaign=other,
        enterprise=cast.ent_other_park,
        status="accepted",
        accepted_at=dt.datetime(2023, 3, 1, 9, 0, tzinfo=tz),
    )
    facts = run(cast, "collection.accepted")
    fact = facts["collection.accepted.2022"]
    assert fact.count == 1 and fact.row_ids == (inside.pk,)
    assert fact.sentence == "完成企业甲2022年度科技创新数据填报审核"


@requires("recognitions.Application", "recognitions.ApplicationTransition", "recognitions.Batch")
def test_recognition_preparation_counts_by_transition_dates(cast):
    from innoladder.recognitions.models import Application, ApplicationTransition

    batch = provincial_batch(cast, "2023年度青海省科技型企业认定", "qh_tech_enterprise")

    def application(enterprise, kind, steps):
        app = Application.objects.create(
            enterprise=enterprise, batch=batch, kind=kind, status=steps[-1][0], started_on=steps[0][1]
        )
        previous = ""
        for status, on in steps:
            ApplicationTransition.objects.create(
                application=app, from_status=previous, to_status=status, on=on
            )
            previous = status
        return app

    renewal = application(cast.ent_a, "renewal", [("intent", dt.date(2023, 3, 1)), ("preparing", END)])
    # Started the day before the period and not touched in it: not this period's work.
    application(cast.ent_b, "renewal", [("intent", BEFORE)])
    facts = run(cast, "recognitions.preparing")
    assert list(facts) == [f"recognitions.preparing.renewal.qh_tech_enterprise.{batch.pk}"]
    fact = next(iter(facts.values()))
    assert fact.row_ids == (renewal.pk,) and fact.count == 1
    assert fact.sentence == "先后协助企业甲开展青海省科技型企业重新认定准备工作"
    # Submitted the day after the period: at the end of the period it was still being prepared.
    ApplicationTransition.objects.create(
        application=renewal, from_status="preparing", to_status="submitted", on=AFTER
    )
    assert run(cast, "recognitions.preparing")
    assert not run(cast, "recognitions.submitted")
    assert run(cast, "recognitions.submitted", END, AFTER)


@requires("recognitions.Recognition", "recognitions.Batch")
def test_recognitions_issued_in_the_period_by_batch(cast):
    from innoladder.recognitions.models import Recognition

    batch = provincial_batch(cast, "2023年青海省第一批创新型中小企业", "innovative_sme")
    inside = [
        Recognition.objects.create(
            enterprise=e, scheme="innovative_sme", level="provincial", batch=batch, issued_on=on
        )
        for e, on in ((cast.ent_a, START), (cast.ent_b, END))
    ]
    Recognition.objects.create(
        enterprise=cast.ent_a, scheme="innovative_sme", level="provincial", issued_on=AFTER
    )
    Recognition.objects.create(
        enterprise=cast.ent_other_park,
        scheme="innovative_sme",
        level="provincial",
        batch=batch,
        issued_on=START,
    )
    facts = run(cast, "recognitions.issued")
    assert len(facts) == 1
    fact = next(iter(facts.values()))
    assert set(fact.row_ids) == {r.pk for r in inside} and fact.count == 2
    assert fact.sentence == "企业甲、企业乙2家企业入选2023年青海省第一批创新型中小企业"


@requires("recognitions.Recognition")
def test_next_steps_list_recognitions_expiring_within_six_months_of_the_end(cast):
    from innoladder.recognitions.models import Recognition

    due = Recognition.objects.create(
        enterprise=cast.ent_a,
        scheme="hnte",
        level="national",
        issued_on=dt.date(2020, 12, 31),
        valid_until=dt.date(2023, 12, 31),
    )
    Recognition.objects.create(  # one day beyond six months
        enterprise=cast.ent_b,
        scheme="hnte",
        level="national",
        issued_on=dt.date(2021, 1, 1),
        valid_until=dt.date(2024, 1, 1),
    )
    Recognition.objects.create(  # already expired at the end of the period
        enterprise=cast.ent_b,
        scheme="tsme",
        level="national",
        issued_on=dt.date(2022, 6, 30),
        valid_until=dt.date(2023, 6, 29),
    )
    facts = run(cast, "next_steps.expiring")
    assert list(facts) == ["next_steps.expiring.hnte"]
    assert facts["next_steps.expiring.hnte"].row_ids == (due.pk,)
    assert facts["next_steps.expiring.hnte"].sentence.startswith("做好企业甲高新技术企业到期重新认定")


H2_2026 = (dt.date(2026, 7, 1), dt.date(2026, 12, 31))
# The report of the second half of 2026 written on 7 December (10:00 in Xining, 02:00 UTC).
WRITTEN_IN_DECEMBER_2026 = "2026-12-07 02:00:00"


@requires("recognitions.Recognition")
def test_next_steps_list_recognitions_expiring_on_the_last_day_of_the_period(cast):
    from innoladder.recognitions.models import Recognition

    def qh(enterprise, issued_on, valid_until, **extra):
        return Recognition.objects.create(
            enterprise=enterprise,
            scheme="qh_tech_enterprise",
            level="provincial",
            issued_on=issued_on,
            valid_until=valid_until,
            **extra,
        )

    # A three-year 青海省科技型企业 certificate valid to 31 December: in force on the last day of the period.
    due = qh(cast.ent_a, dt.date(2023, 10, 20), dt.date(2026, 12, 31))
    renewed = qh(cast.ent_b, dt.date(2023, 10, 20), dt.date(2026, 12, 31))
    qh(cast.ent_b, dt.date(2026, 10, 20), dt.date(2029, 12, 31), renews=renewed)
    qh(cast.ent_other_park, dt.date(2023, 10, 20), dt.date(2026, 12, 31))
    facts = run(cast, "next_steps.expiring", *H2_2026)
    fact = facts["next_steps.expiring.qh_tech_enterprise"]
    assert fact.row_ids == (due.pk,)
    assert fact.sentence.startswith("做好企业甲青海省科技型企业到期重新认定（复核）工作")


@requires("services.EnterpriseRequest", "services.RequestCategory")
def test_next_steps_judge_requests_overdue_today_while_the_period_is_not_over(cast):
    from freezegun import freeze_time

    from innoladder.services.models import EnterpriseRequest, RequestCategory

    category = RequestCategory.objects.create(code="t", name="测试", days=7)

    def request(due):
        return EnterpriseRequest.objects.create(
            enterprise=cast.ent_a,
            category=category,
            title="诉求",
            raised_on=dt.date(2026, 11, 20),
            due_on=due,
            status="pending",
        )

    late = request(dt.date(2026, 12, 6))
    request(dt.date(2026, 12, 7))  # due today: not overdue yet
    request(dt.date(2026, 12, 8))  # due tomorrow, before the end of the period: not overdue yet
    with freeze_time(WRITTEN_IN_DECEMBER_2026):
        overdue = run(cast, "next_steps.overdue_requests", *H2_2026)["next_steps.overdue_requests"]
    assert overdue.row_ids == (late.pk,) and overdue.count == 1


@requires("services.Visit", "services.EnterpriseRequest", "services.RequestCategory")
def test_visits_count_enterprises_once_and_requests_by_dates(cast):
    from innoladder.services.models import EnterpriseRequest, RequestCategory, Visit

    def visit(on, *enterprises, topics=("policy",)):
        v = Visit.objects.create(visited_on=on, topics=list(topics))
        v.enterprises.set(enterprises)
        return v

    inside = [visit(START, cast.ent_b, topics=("upgrade",)), visit(END, cast.ent_a, cast.ent_b)]
    visit(BEFORE, cast.ent_a)
    visit(AFTER, cast.ent_a)
    visit(dt.date(2023, 3, 1), cast.ent_other_park)
    facts = run(cast, "services.visits")
    enterprises = facts["services.visited_enterprises"]
    assert enterprises.row_ids == (cast.ent_b.pk, cast.ent_a.pk)  # in order of first visit
    assert enterprises.sentence.startswith(
        "深入企业乙、企业甲2家企业开展上门走访服务，围绕企业升级、政策宣传"
    )
    assert facts["services.visits"].row_ids == tuple(v.pk for v in inside)

    category = RequestCategory.objects.create(code="t", name="测试", days=7)

    def request(raised, due, status="pending", resolved=None, enterprise=None):
        return EnterpriseRequest.objects.create(
            enterprise=enterprise or cast.ent_a,
            category=category,
            title="诉求",
            raised_on=raised,
            due_on=due,
            status=status,
            resolved_on=resolved,
        )

    raised = request(START, dt.date(2023, 1, 8), "resolved", END)
    late_open = request(dt.date(2023, 6, 1), dt.date(2023, 6, 8))
    resolved_late = request(BEFORE, dt.date(2023, 1, 7), "resolved", AFTER)  # overdue at the end
    request(AFTER, dt.date(2023, 7, 8))
    returned = request(dt.date(2023, 6, 1), dt.date(2023, 6, 8), "returned")
    facts = run(cast, "services.requests")
    assert set(facts["services.requests"].row_ids) == {raised.pk, late_open.pk, returned.pk}
    assert facts["services.requests_resolved"].row_ids == (raised.pk,)
    overdue = run(cast, "next_steps.overdue_requests")["next_steps.overdue_requests"]
    assert set(overdue.row_ids) == {late_open.pk, resolved_late.pk}


@requires("cooperation.PatentIntroduction", "cooperation.Cooperation", "cooperation.Talent")
def test_cooperation_patents_and_talents_in_the_period(cast):
    from innoladder.cooperation.models import Cooperation, PatentIntroduction, Talent

    def patent(n, enterprise, on):
        return PatentIntroduction.objects.create(
            enterprise=enterprise,
            patent_number=f"ZL{n}",
            title="专利",
            mode="transfer",
            source="某大学",
            introduced_on=on,
        )

    inside = [patent(1, cast.ent_a, START), patent(2, cast.ent_b, END)]
    patent(3, cast.ent_a, BEFORE)
    patent(4, cast.ent_a, AFTER)
    patent(5, cast.ent_other_park, START)
    fact = run(cast, "cooperation.patents")["cooperation.patents"]
    assert fact.row_ids == tuple(p.pk for p in inside)
    assert fact.sentence == "协助企业甲、企业乙引进专利2项"

    for on in (START, END, AFTER):
        Cooperation.objects.create(
            enterprise=cast.ent_a, partner="武汉工程大学", title="合作", kind="joint", signed_on=on
        )
    facts = run(cast, "cooperation.projects")
    assert (
        facts[f"cooperation.projects.{cast.ent_a.pk}"].sentence
        == "支持企业甲与武汉工程大学开展产学研合作项目2个"
    )

    for name, category, on in (("甲", "leading", START), ("乙", "top", END), ("丙", "leading", BEFORE)):
        Talent.objects.create(enterprise=cast.ent_b, name=name, category=category, recorded_on=on)
    fact = run(cast, "cooperation.talents")["cooperation.talents"]
    assert fact.count == 2
    assert fact.sentence == "在企业乙储备领军人才、拔尖人才等各类人才2名"


@requires("projects.Project.approved_on")
def test_projects_approved_and_tracked(cast):
    from innoladder.projects.models import Project

    def project(title, approved, finished=None, enterprise=None):
        return Project.objects.create(
            enterprise=enterprise or cast.ent_a,
            programme="重点研发与转化计划",
            level="provincial",
            year=2023,
            title=title,
            approved_on=approved,
            finished_on=finished,
            status="approved",
        )

    new = project("低钠盐制备工艺技术研究与示范", END)
    project("晚立项", AFTER)
    old = project("往年项目", dt.date(2021, 5, 1))
    project("期初前已结题", dt.date(2021, 5, 1), finished=BEFORE)
    facts = run(cast, "projects.approved")
    assert facts["projects.approved"].row_ids == (new.pk,)
    assert (
        facts["projects.approved"].sentence
        == "企业甲承担的1项科技计划项目获批立项（“低钠盐制备工艺技术研究与示范”）"
    )
    assert run(cast, "projects.tracked")["projects.tracked"].row_ids == (old.pk,)


@requires("funding.FundApplication.decided_on", "funding.Programme")
def test_funds_applied_and_approved_in_the_period(cast):
    from innoladder.funding.models import FundApplication, Programme

    programme = Programme.objects.create(park=cast.park, year=2023, kind="factor", name="生产要素")

    def application(applied, decided=None, approved=None, status="applied"):
        return FundApplication.objects.create(
            enterprise=cast.ent_a,
            programme=programme,
            title="补助",
            requested_amount=Decimal("1000000"),
            applied_on=applied,
            decided_on=decided,
            approved_amount=approved,
            status=status,
        )

    a = application(START, END, Decimal("800000"), "approved")
    application(BEFORE, AFTER, Decimal("500000"), "approved")
    facts = run(cast, "funding.applications")
    assert facts["funding.applications"].row_ids == (a.pk,)
    assert facts["funding.applications"].sentence == "协助企业甲申报生产要素等扶持资金1项"
    approved = run(cast, "funding.approved")["funding.approved"]
    assert approved.amount == Decimal("800000") and approved.figure == "80万元"


@requires("assessments.Assessment.assessed_on", "assessments.SchemeResult.standing")
def test_candidates_come_from_the_latest_assessment_up_to_the_end(cast):
    from innoladder.assessments.models import Assessment, SchemeResult

    def assess(enterprise, on, standing):
        a = Assessment.objects.create(enterprise=enterprise, assessed_on=on)
        SchemeResult.objects.create(
            assessment=a,
            enterprise=enterprise,
            scheme="hnte",
            ruleset_version="hnte_2016",
            outcome="not_eligible",
            standing=standing,
        )
        return a

    assess(cast.ent_a, dt.date(2023, 3, 1), "far")
    close = assess(cast.ent_a, END, "close")  # the latest on or before the end wins
    assess(cast.ent_b, dt.date(2023, 3, 1), "close")
    assess(cast.ent_b, AFTER, "far")  # after the end: ignored, ent_b was still close at the end
    assess(cast.ent_other_park, START, "eligible")
    fact = run(cast, "next_steps.candidates")["next_steps.candidates.hnte"]
    if requirement_met("recognitions.Recognition"):
        from innoladder.recognitions.models import Recognition

        # ent_b became 高企 after the end: still a candidate at the end.
        Recognition.objects.create(enterprise=cast.ent_b, scheme="hnte", level="national", issued_on=AFTER)
        assert run(cast, "next_steps.candidates")["next_steps.candidates.hnte"].count == 2
        # Held at the end: no longer a candidate.
        Recognition.objects.create(enterprise=cast.ent_a, scheme="hnte", level="national", issued_on=START)
        assert run(cast, "next_steps.candidates")["next_steps.candidates.hnte"].count == 1
    assert fact.count == 2
    assert close.scheme_results.get().pk in fact.row_ids
    assert "企业乙、企业甲2家企业已符合或接近高新技术企业条件" in fact.sentence  # by name: 乙 < 甲


@requires("contracts.TechContract.prepared_on", "contracts.TechContract.registered_on")
def test_contracts_prepared_and_registered_by_their_dates(cast):
    from innoladder.contracts.models import TechContract

    def contract(n, prepared, registered=None, amount=Decimal("1000000")):
        return TechContract.objects.create(
            enterprise=cast.ent_a,
            enterprise_role="seller",
            title=f"合同{n}",
            category="development",
            subtype="commissioned",
            seller_name="企业甲有限公司",
            seller_uscc=cast.ent_a.uscc,
            buyer_name="某公司",
            buyer_uscc="91110000000000000X",
            contract_amount=amount,
            transaction_amount=amount,
            signed_on=prepared,
            prepared_on=prepared,
            status="registered" if registered else "preparing",
            registration_number=f"63000{n}" if registered else "",
            registered_on=registered,
        )

    inside = contract(1, START, registered=END, amount=Decimal("2300000"))
    contract(2, BEFORE, registered=AFTER)
    contract(3, AFTER)
    prepared = run(cast, "contracts.prepared")["contracts.prepared"]
    assert prepared.row_ids == (inside.pk,)
    assert prepared.sentence == "协助企业甲做好技术合同认定登记准备工作"
    registered = run(cast, "contracts.registered")["contracts.registered"]
    assert registered.row_ids == (inside.pk,) and registered.figure == "230万元"


@requires("policies.CampaignReach.reached_on", "policies.TrainingEnrolment")
def test_campaign_reach_and_trainings_in_the_period(cast):
    from innoladder.policies.models import Campaign, CampaignReach, TrainingEnrolment, TrainingEvent

    campaign = Campaign.objects.create(
        park=cast.park, title="助企暖企春风行动", starts_on=BEFORE, ends_on=AFTER
    )
    CampaignReach.objects.create(campaign=campaign, enterprise=cast.ent_a, reached_on=END)
    CampaignReach.objects.create(campaign=campaign, enterprise=cast.ent_b, reached_on=AFTER)
    facts = run(cast, "policies.campaigns")
    fact = facts[f"policies.campaigns.{campaign.pk}"]
    assert fact.row_ids == (cast.ent_a.pk,)
    assert fact.sentence == "开展“助企暖企春风行动”政策宣传，深入企业甲宣讲惠企政策"

    event = TrainingEvent.objects.create(
        park=cast.park,
        title="省专精特新企业高级管理专题培训班",
        organiser="省工信厅",
        starts_on=START,
        ends_on=START,
    )
    later = TrainingEvent.objects.create(
        park=cast.park, title="下半年培训班", organiser="省工信厅", starts_on=AFTER, ends_on=AFTER
    )
    TrainingEnrolment.objects.create(event=event, enterprise=cast.ent_a)
    TrainingEnrolment.objects.create(event=event, enterprise=cast.ent_b)
    TrainingEnrolment.objects.create(event=later, enterprise=cast.ent_a)
    facts = run(cast, "policies.trainings")
    assert list(facts) == [f"policies.trainings.{event.pk}"]
    assert facts[f"policies.trainings.{event.pk}"].sentence == (
        "组织企业甲、企业乙2家企业参加“省专精特新企业高级管理专题培训班”"
    )


@requires("rnd.LedgerLine", "rnd.SubsidyAward", "rnd.DeductionRun", "rnd.SubsidyRule")
def test_rnd_ledgers_of_last_year_and_subsidies_by_award_date(cast):
    from innoladder.rnd.models import DeductionRun, SubsidyAward, SubsidyRule
    from innoladder.rnd.tests.factories import RDProjectFactory, line

    line(RDProjectFactory(enterprise=cast.ent_a), "personnel", "1000", date=dt.date(2022, 12, 31))
    line(RDProjectFactory(enterprise=cast.ent_b), "personnel", "1000", date=dt.date(2023, 1, 1))  # not 2022
    ledgers = run(cast, "rnd.ledgers")
    assert ledgers["rnd.ledgers.2022"].row_ids == (cast.ent_a.pk,)
    assert ledgers["rnd.ledgers.2022"].sentence == "完成企业甲2022年度研发费用辅助账归集"

    rule = SubsidyRule.objects.create(
        park=cast.park, year=2023, tax_year=2022, title="后补助", rate=Decimal("0.1")
    )

    def award(enterprise, amount, on, rule=rule):
        zero = Decimal(0)
        run_ = DeductionRun.objects.create(
            enterprise=enterprise,
            year=2022,
            status="ok",
            rate=Decimal(1),
            ledger_total=zero,
            entrusted_domestic_actual=zero,
            entrusted_overseas_actual=zero,
            eligible_total=zero,
            deduction_base=zero,
            extra_deduction=zero,
            inputs_hash="x",
            computed_at=timezone.now(),
        )
        return SubsidyAward.objects.create(
            enterprise=enterprise,
            rule=rule,
            run=run_,
            amount=Decimal(amount),
            awarded_on=on,
            explanation="测试",
        )

    inside = [award(cast.ent_a, "5000000", START), award(cast.ent_b, "2750000", END)]
    later = SubsidyRule.objects.create(
        park=cast.park, year=2024, tax_year=2023, title="后补助", rate=Decimal("0.1")
    )
    award(cast.ent_a, "100000", AFTER, rule=later)
    fact = run(cast, "rnd.subsidies")["rnd.subsidies"]
    assert fact.row_ids == tuple(a.pk for a in inside)
    assert fact.amount == Decimal("7750000") and fact.figure == "775万元"
    assert fact.sentence == "为企业甲、企业乙2家企业争取研发费用加计扣除后补助资金775万元"


@requires("enterprises.Award.awarded_on")
def test_awards_conferred_in_the_period_are_stated_with_their_date(cast):
    from innoladder.enterprises.models import Award

    def award(enterprise, name, on, **extra):
        return Award.objects.create(
            enterprise=enterprise, name=name, level="provincial", year=2022, awarded_on=on, **extra
        )

    late = award(cast.ent_a, "青海省科学技术进步奖", END, project="光热储能技术研究", rank=3)
    early = award(cast.ent_b, "国际镁科学技术奖", START, grade="年度创新特别贡献奖")
    award(cast.ent_a, "青海省专利奖", BEFORE)
    award(cast.ent_a, "海西州科学技术进步奖", AFTER)
    award(cast.ent_other_park, "青海省科学技术进步奖", START)
    award(cast.ent_a, "未记授奖日期的奖", None)
    facts = list(run(cast, "enterprises.awards").values())
    assert [f.row_ids for f in facts] == [(early.pk,), (late.pk,)]
    assert [f.sentence for f in facts] == [
        "2023年1月1日，企业乙荣获2022年度国际镁科学技术奖年度创新特别贡献奖",
        "2023年6月30日，企业甲参与完成的“光热储能技术研究”项目荣获2022年度青海省科学技术进步奖",
    ]
    assert [f.figure for f in facts] == [
        "2022年度国际镁科学技术奖年度创新特别贡献奖",
        "2022年度青海省科学技术进步奖",
    ]
    assert run(cast, "enterprises.awards", dt.date(2023, 7, 2), dt.date(2023, 12, 31)) == {}
