"""Golmud demo (issue 9): a few policies with matching conditions, the 助企暖企春风行动 campaign (spring
2023) reaching the park's enterprises, and enterprises sent to the 省优秀青年企业家高级研修班 and the
省专精特新企业高级管理专题培训班 (2023). Enterprises are looked up by name; absent ones are skipped.
Attendee names are invented.

A policy whose term has ended is re-issued for another three years, edition after edition, up to the load
date (the revision's title and document number carry its year), so the policies in force are current on
any day the demo is loaded.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from innoladder.enterprises.models import Enterprise, Park

from .models import (
    Campaign,
    CampaignReach,
    Policy,
    PolicyCondition,
    TrainingAttendee,
    TrainingEnrolment,
    TrainingEvent,
)

D = Decimal

POLICIES = (
    {
        "title": "格尔木市高新技术企业认定奖励办法",
        "issuer": "格尔木市人民政府",
        "document_number": "格政〔2022〕18号",
        "issued_on": dt.date(2022, 8, 1),
        "level": "municipal",
        "tags": ["高企", "奖励", "免申即享"],
        "benefit": "首次认定的高新技术企业一次性奖励20万元，重新认定的奖励10万元",
        "summary": "对在格尔木注册、当年通过认定的高新技术企业给予一次性奖励，由科技局依据认定名单直接兑现。",
        "valid_from": dt.date(2022, 8, 1),
        "valid_until": dt.date(2025, 12, 31),
        "target_tiers": ["hnte"],
        "conditions": [],
    },
    {
        "title": "企业研发投入后补助实施细则",
        "issuer": "格尔木市科学技术局",
        "document_number": "格科〔2023〕5号",
        "issued_on": dt.date(2023, 3, 10),
        "level": "municipal",
        "tags": ["研发", "补助"],
        "benefit": "按上年度经税务确认的研发费用加计扣除额的10%给予后补助，最高50万元",
        "summary": "上年度研发费用不低于100万元且研发费用占销售收入比例不低于3%的企业可享受。",
        "valid_from": dt.date(2023, 3, 10),
        "valid_until": dt.date(2026, 3, 9),
        "target_tiers": [],
        "conditions": [("rd_expense", ">=", D("1000000")), ("rd_ratio", ">=", D("0.03"))],
    },
    {
        "title": "青海省科技创新券管理办法（修订）",
        "issuer": "青海省科学技术厅 青海省财政厅",
        "document_number": "青科发〔2025〕号",
        "issued_on": dt.date(2025, 6, 18),
        "level": "provincial",
        "tags": ["创新券"],
        "benefit": "每年最高20万元（孵化器内科技型企业5万元），大型仪器共享按100%、其他服务按80%支付",
        "summary": "高企、省科技型企业、国家科技型中小企业、有研发投入的规上企业可申领创新券购买科技服务。",
        "valid_from": dt.date(2025, 6, 18),
        "valid_until": None,
        "target_tiers": ["hnte", "qh_tech_enterprise", "tsme", "qh_tech_little_giant"],
        "conditions": [],
    },
    {
        "title": "中小企业研发机构建设支持政策",
        "issuer": "格尔木市工业和信息化局",
        "document_number": "格工信〔2023〕12号",
        "issued_on": dt.date(2023, 4, 20),
        "level": "municipal",
        "tags": ["中小企业", "研发"],
        "benefit": "新认定市级以上研发机构的中小企业给予10万元建设补助",
        "summary": "面向职工总数不超过500人、研发费用不低于50万元的中小企业。",
        "valid_from": dt.date(2023, 4, 20),
        "valid_until": dt.date(2025, 12, 31),
        "target_tiers": [],
        "conditions": [("employees", "<=", D("500")), ("rd_expense", ">=", D("500000"))],
    },
)

# (title, organiser, first day, last day, place, enrolled: (enterprise name fragments, attendee, position)…)
# fmt: off
TRAININGS = (
    ("省优秀青年企业家高级研修班", "青海省工商业联合会", dt.date(2023, 5, 15), dt.date(2023, 5, 19), "西宁市",
     (("盐湖股份|盐湖工业股份", "陈明", "副总经理"), ("藏格锂业", "刘洋", "总经理助理"), ("金昆仑", "马骏", "董事长"))),  # noqa: E501
    ("省专精特新企业高级管理专题培训班", "青海省工业和信息化厅", dt.date(2023, 6, 12), dt.date(2023, 6, 16), "西宁市",  # noqa: E501
     (("西豫有色", "周强", "总经理"), ("兰河塑业", "韩磊", "生产副总"), ("蓝科锂业", "王芳", "技术总监"),
      ("盛隆塑编", "李娜", "总经理"))),
)
# fmt: on

CHANNELS = ("visit", "meeting", "visit", "online", "phone")


def _find(park, fragments: str):
    """The first enterprise of the park whose name contains one of the "|"-separated fragments."""
    for fragment in fragments.split("|"):
        enterprise = Enterprise.objects.filter(park=park, name__contains=fragment).first()
        if enterprise is not None:
            return enterprise
    return None


def _policy(park, title: str, data: dict, conditions) -> Policy:
    policy, created = Policy.objects.get_or_create(park=park, title=title, defaults={**data, "is_demo": True})
    if created:
        for field, operator, threshold in conditions:
            PolicyCondition.objects.create(policy=policy, field=field, operator=operator, threshold=threshold)
    return policy


def load() -> None:
    today = timezone.localdate()
    park = Park.objects.filter(name="格尔木工业园").first()
    if park is None:
        return
    for data in POLICIES:
        data = dict(data)
        conditions = data.pop("conditions")
        title = data.pop("title")
        _policy(park, title, data, conditions)
        # Revised editions: each takes effect the day after the previous one ends, for three years.
        while data["valid_until"] is not None and data["valid_until"] < today:
            start = data["valid_until"] + dt.timedelta(days=1)
            number = data["document_number"]
            data = {
                **data,
                "document_number": number[: number.index("〔") + 1]
                + f"{start.year}〕{number[number.index('〕') + 1 :]}",
                "issued_on": start,
                "valid_from": start,
                "valid_until": start.replace(year=start.year + 3) - dt.timedelta(days=1),
            }
            _policy(park, f"{title}（{start.year}年修订）", data, conditions)

    campaign, _ = Campaign.objects.get_or_create(
        park=park,
        title="助企暖企春风行动",
        defaults={
            "starts_on": dt.date(2023, 3, 1),
            "ends_on": dt.date(2023, 5, 31),
            "description": "园区科技局联合第三方服务机构走进企业，宣讲高企认定、科技型中小企业评价、"
            "研发费用加计扣除、创新券等惠企政策，现场收集企业诉求。",
            "is_demo": True,
        },
    )
    enterprises = Enterprise.objects.filter(park=park, status="active").order_by("name")
    for i, enterprise in enumerate(enterprises):
        reached_on = dt.date(2023, 3, 6) + dt.timedelta(days=(i * 3) % 80)
        CampaignReach.objects.get_or_create(
            campaign=campaign,
            enterprise=enterprise,
            defaults={"reached_on": reached_on, "channel": CHANNELS[i % len(CHANNELS)]},
        )

    for title, organiser, starts_on, ends_on, place, enrol in TRAININGS:
        event, _ = TrainingEvent.objects.get_or_create(
            park=park,
            title=title,
            starts_on=starts_on,
            defaults={"organiser": organiser, "ends_on": ends_on, "place": place, "is_demo": True},
        )
        for fragment, name, position in enrol:
            enterprise = _find(park, fragment)
            if enterprise is None:
                continue
            enrolment, created = TrainingEnrolment.objects.get_or_create(event=event, enterprise=enterprise)
            if created:
                TrainingAttendee.objects.create(enrolment=enrolment, name=name, position=position)
