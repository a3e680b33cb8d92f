"""Golmud demo (issue 9), services part: on-site guidance visits in H1 2023 to more than 30 enterprises
(隆盛石化, 西豫有色 among them) on the six topics, some with the demo service agency, and a handful of
requests in every status. Idempotent: an enterprise that already has a demo visit is not visited again;
a demo request is keyed by enterprise and title. Enterprises not (yet) in the registry are skipped.
"""

import datetime as dt

from innoladder.accounts.models import ServiceAgency, User
from innoladder.enterprises.models import Enterprise, Park

from . import services
from .choices import RequestStatus, Topic
from .models import EnterpriseRequest, RequestCategory, Visit

GOLMUD = "格尔木工业园"
AGENCY = "青海科创咨询服务有限公司（演示）"
VISIT_TARGET = 36
# Named in the scenario first, then any other demo enterprise of the park.
NAMED = (
    "隆盛石化",
    "西豫有色",
    "盐湖股份",
    "三元钾肥",
    "海珠镁业",
    "盛隆塑编",
    "柏丽姿日化",
    "维祥科技",
    "蓝科锂业",
    "盐湖镁业",
    "中信国安锂业",
    "香江盐湖",
    "东台锂资源",
    "藏格锂业",
    "金昆仑",
    "兰河塑业",
    "启迪清源新材料",
    "地沣肥业",
    "黄河维检",
)
TOPIC_CYCLE = (
    [Topic.UPGRADE, Topic.POLICY],
    [Topic.PROJECT, Topic.FUNDING],
    [Topic.INNOVATION],
    [Topic.RND_LEDGER, Topic.POLICY],
    [Topic.FUNDING, Topic.UPGRADE],
    [Topic.PROJECT, Topic.INNOVATION, Topic.RND_LEDGER],
)
NOTES = {
    Topic.UPGRADE: "了解企业梯度培育进展，对照科技型企业、高新技术企业条件逐项梳理差距",
    Topic.PROJECT: "宣讲2023年省级科技计划项目申报指南，指导项目申报书编写",
    Topic.FUNDING: "梳理可申请的生产要素、转型升级及创新券资金，明确申报材料",
    Topic.INNOVATION: "收集企业技术难题和产学研合作需求，对接高校院所",
    Topic.RND_LEDGER: "指导2022年度研发费用辅助账归集和加计扣除申报",
    Topic.POLICY: "宣传助企纾困和科技创新支持政策",
}
REQUESTS = (
    # (enterprise, category code, title, raised_on, path, resolution or reason)
    ("西豫有色", "technology", "冶炼烟气余热利用技术对接高校", dt.date(2023, 3, 8), ["in_progress"], ""),
    (
        "隆盛石化",
        "policy",
        "咨询研发费用加计扣除口径",
        dt.date(2023, 2, 14),
        ["in_progress", "resolved"],
        "已由服务机构上门讲解政策口径并提供辅助账模板",
    ),
    (
        "盛隆塑编",
        "funding",
        "申请创新券支持检测费用",
        dt.date(2023, 4, 11),
        ["in_progress", "resolved"],
        "已指导提交创新券申请",
    ),
    ("香江盐湖", "factors", "协调二期项目用电增容", dt.date(2023, 5, 16), [], ""),
    (
        "维祥科技",
        "project",
        "协助申报科技型中小企业评价",
        dt.date(2023, 6, 2),
        ["returned"],
        "企业已自行完成填报，无需代办",
    ),
    (
        "蓝科锂业",
        "talent",
        "引进锂电材料高层次人才住房保障",
        dt.date(2023, 4, 20),
        ["in_progress", "resolved"],
        "已协调人才公寓两套",
    ),
)


def _by_short(park, short):
    return Enterprise.objects.filter(park=park, name__contains=short).order_by("pk").first()


def _targets(park) -> list[Enterprise]:
    found = [e for e in (_by_short(park, s) for s in NAMED) if e is not None]
    seen = {e.pk for e in found}
    for enterprise in Enterprise.objects.filter(park=park, is_demo=True).order_by("name"):
        if len(found) >= VISIT_TARGET:
            break
        if enterprise.pk not in seen:
            found.append(enterprise)
            seen.add(enterprise.pk)
    return found[:VISIT_TARGET]


def _visits(park, officer, agency) -> dict[int, Visit]:
    made = {}
    staff = [officer] if officer else []
    for i, enterprise in enumerate(_targets(park)):
        existing = Visit.objects.filter(is_demo=True, enterprises=enterprise).order_by("visited_on").first()
        if existing is not None:
            made[enterprise.pk] = existing
            continue
        topics = TOPIC_CYCLE[i % len(TOPIC_CYCLE)]
        with_agency = agency is not None and i % 3 == 1
        made[enterprise.pk] = services.visit_create(
            user=officer,
            enterprises=[enterprise],
            staff=staff,
            visited_on=dt.date(2023, 1, 9) + dt.timedelta(days=(i * 47) % 170),
            department="第三方服务机构" if with_agency else "园区科技局",
            agency=agency if with_agency else None,
            topics=[str(t) for t in topics],
            notes="；".join(NOTES[t] for t in topics) + "。",
            follow_up="跟踪企业申报进度，下月回访。",
            is_demo=True,
        )
        if "西豫有色" in enterprise.name:
            # A second department visits the same enterprise two weeks later: the log flags it.
            services.visit_create(
                user=officer,
                enterprises=[enterprise],
                staff=staff,
                visited_on=made[enterprise.pk].visited_on + dt.timedelta(days=14),
                department="园区经济发展局",
                topics=[str(Topic.FUNDING)],
                notes=NOTES[Topic.FUNDING] + "。",
                is_demo=True,
            )
    return made


def _requests(park, officer, visits) -> None:
    rater = User.objects.filter(username__iexact="enterprise").first()
    for short, code, title, raised_on, path, text in REQUESTS:
        enterprise = _by_short(park, short)
        category = RequestCategory.objects.filter(code=code).first()
        if enterprise is None or category is None:
            continue
        if EnterpriseRequest.objects.filter(enterprise=enterprise, title=title).exists():
            continue
        req = services.request_create(
            user=officer,
            enterprise=enterprise,
            category=category,
            title=title,
            description=title + "。",
            raised_on=raised_on,
            visit=visits.get(enterprise.pk),
            department="园区科技局",
            responsible="王科长",
            is_demo=True,
        )
        day = raised_on
        for step in path:
            day += dt.timedelta(days=2)
            services.request_transition(
                request=req,
                user=officer,
                to_status=step,
                comment=text if step == RequestStatus.RETURNED else "",
                resolution=text if step == RequestStatus.RESOLVED else "",
                on=day,
            )
        if (
            req.status == RequestStatus.RESOLVED
            and rater is not None
            and rater.enterprise_id == enterprise.pk
        ):
            services.request_rate(request=req, user=rater, score=5, note="办理及时")


def load() -> None:
    park = Park.objects.filter(name=GOLMUD).first()
    if park is None:
        return
    officer = User.objects.filter(username__iexact="officer").first()
    agency = ServiceAgency.objects.filter(name=AGENCY).first()
    visits = _visits(park, officer, agency)
    _requests(park, officer, visits)
