"""Golmud demo (issue 9), services part: on-site guidance visits in H1 2023 to more than 30 enterprises
(隆盛石化, 西豫有色 among them) on the six topics, some with the demo service agency, and a handful of
requests in every status. Idempotent: an enterprise that already has a demo visit is not visited again;
a demo request is keyed by enterprise and title. Enterprises not (yet) in the registry are skipped.

The work goes on: over the twelve months before the load date the park visits an enterprise every ten
days and receives a request every seventeen, on a fixed calendar counted from July 2023 (so loading again,
the same day or later, adds only what fell due since). A request is handled as far as its age allows:
accepted the next day, then resolved within its category's time limit, or returned; one in seven is
still open past its deadline. 德令哈工业园, the second park of 海西州, has fewer visits and requests (below).
"""

import datetime as dt

from django.utils import timezone

from innoladder.accounts.models import ServiceAgency, User
from innoladder.enterprises.demo import park_enterprise
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


def _targets(park) -> list[Enterprise]:
    found = [e for e in (park_enterprise(park, s) for s in NAMED) if e is not None]
    seen = {e.pk for e in found}
    for enterprise in Enterprise.objects.filter(park=park, is_demo=True).order_by("name"):
        if len(found) >= VISIT_TARGET:
            break
        if enterprise.pk not in seen:
            found.append(enterprise)
            seen.add(enterprise.pk)
    return found[:VISIT_TARGET]


def _cycle_visit(officer, agency, enterprise, n: int, day: dt.date, note) -> Visit:
    """The `n`th visit of the demo's round: its topics in turn (`note(topic)` the notes of each), one in
    three made by the agency."""
    topics = TOPIC_CYCLE[n % len(TOPIC_CYCLE)]
    with_agency = agency is not None and n % 3 == 1
    return services.visit_create(
        user=officer,
        enterprises=[enterprise],
        staff=[officer] if officer else [],
        visited_on=day,
        department="第三方服务机构" if with_agency else "园区科技局",
        agency=agency if with_agency else None,
        topics=[str(t) for t in topics],
        notes="；".join(note(t) for t in topics) + "。",
        follow_up="跟踪企业申报进度，下月回访。",
        is_demo=True,
    )


def _visits(park, officer, agency) -> dict[int, Visit]:
    made = {}
    for i, enterprise in enumerate(_targets(park)):
        existing = Visit.objects.filter(is_demo=True, enterprises=enterprise).order_by("visited_on").first()
        if existing is not None:
            made[enterprise.pk] = existing
            continue
        day = dt.date(2023, 1, 9) + dt.timedelta(days=(i * 47) % 170)
        made[enterprise.pk] = _cycle_visit(officer, agency, enterprise, i, day, lambda t: NOTES[t])
        if "西豫有色" in enterprise.name:
            # A second department visits the same enterprise two weeks later: the log flags it.
            services.visit_create(
                user=officer,
                enterprises=[enterprise],
                staff=[officer] if officer else [],
                visited_on=made[enterprise.pk].visited_on + dt.timedelta(days=14),
                department="园区经济发展局",
                topics=[str(Topic.FUNDING)],
                notes=NOTES[Topic.FUNDING] + "。",
                is_demo=True,
            )
    return made


def _request_create(officer, enterprise, category, title, raised_on, responsible, visit=None):
    """A demo request to the park's S&T bureau, described by its title."""
    return services.request_create(
        user=officer,
        enterprise=enterprise,
        category=category,
        title=title,
        description=title + "。",
        raised_on=raised_on,
        visit=visit,
        department="园区科技局",
        responsible=responsible,
        is_demo=True,
    )


def _requests(park, officer, visits, requests=REQUESTS, responsible="王科长") -> None:
    rater = User.objects.filter(username__iexact="enterprise").first()
    for short, code, title, raised_on, path, text in requests:
        enterprise = park_enterprise(park, short)
        category = RequestCategory.objects.filter(code=code).first()
        if enterprise is None or category is None:
            continue
        if EnterpriseRequest.objects.filter(enterprise=enterprise, title=title).exists():
            continue
        req = _request_create(
            officer, enterprise, category, title, raised_on, responsible, visits.get(enterprise.pk)
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


# The calendar of continuing work: day 0, and the spacing of visits and of requests in days.
SINCE = dt.date(2023, 7, 3)
VISIT_EVERY, REQUEST_EVERY, WINDOW = 10, 17, 365
RECENT_NOTES = {
    Topic.UPGRADE: "对照{y}年度数据梳理科技型中小企业、高新技术企业认定条件差距，明确培育计划",
    Topic.PROJECT: "宣讲{y}年度省级科技计划项目申报指南，指导申报书编写",
    Topic.FUNDING: "梳理{y}年度可申请的生产要素保障、转型升级资金和创新券",
    Topic.INNOVATION: "收集企业技术难题和产学研合作需求，对接高校院所",
    Topic.RND_LEDGER: "指导{last}年度研发费用辅助账归集和加计扣除申报",
    Topic.POLICY: "宣传{y}年度助企纾困和科技创新支持政策",
}
# (category code, title with {y} for the year raised, outcome, resolution or reason)
RECENT_REQUESTS = (
    ("policy", "咨询{last}年度研发费用加计扣除口径", "resolved", "已提供政策口径说明和辅助账模板"),
    ("technology", "寻求高校合作解决卤水除杂工艺难题", "resolved", "已对接中国科学院青海盐湖研究所"),
    ("funding", "申领{y}年度科技创新券", "resolved", "已指导完成创新券申领"),
    ("project", "协助申报{y}年度省级科技计划项目", "returned", "企业已委托服务机构办理，无需代办"),
    ("factors", "协调新建产线用电增容", "open", ""),
    ("talent", "引进研发人员人才公寓保障", "resolved", "已协调人才公寓"),
    ("finance", "对接科技型企业知识价值信用贷款", "resolved", "已推荐至合作银行并完成授信"),
)


def _grid(step: int, today: dt.date):
    """(n, day) of the continuing-work calendar that fall in the twelve months up to `today`."""
    first = max(0, -(-((today - dt.timedelta(days=WINDOW - 1)) - SINCE).days // step))
    n = first
    while SINCE + dt.timedelta(days=n * step) <= today:
        yield n, SINCE + dt.timedelta(days=n * step)
        n += 1


def _recent_visits(park, officer, agency, today: dt.date, every: int = VISIT_EVERY) -> None:
    targets = list(Enterprise.objects.filter(park=park, is_demo=True, status="active").order_by("name"))
    if not targets:
        return
    for n, day in _grid(every, today):
        enterprise = targets[n % len(targets)]
        if Visit.objects.filter(is_demo=True, visited_on=day, enterprises=enterprise).exists():
            continue
        _cycle_visit(
            officer, agency, enterprise, n, day, lambda t, y=day.year: RECENT_NOTES[t].format(y=y, last=y - 1)
        )


def _request_steps(outcome: str, raised_on: dt.date, days: int, text: str) -> list[tuple]:
    """(status, date, comment, resolution) after 待受理, as the outcome plans them."""
    if outcome == "returned":
        return [(RequestStatus.RETURNED, raised_on + dt.timedelta(days=1), text, "")]
    accepted = [(RequestStatus.IN_PROGRESS, raised_on + dt.timedelta(days=min(1, days)), "", "")]
    if outcome == "open":
        return accepted
    return accepted + [(RequestStatus.RESOLVED, raised_on + dt.timedelta(days=max(1, days - 1)), "", text)]


def _recent_requests(
    park, officer, today: dt.date, every: int = REQUEST_EVERY, responsible: str = "王科长"
) -> None:
    targets = list(Enterprise.objects.filter(park=park, is_demo=True, status="active").order_by("pk"))
    categories = {c.code: c for c in RequestCategory.objects.all()}
    if not targets:
        return
    for n, raised_on in _grid(every, today):
        code, template, outcome, text = RECENT_REQUESTS[n % len(RECENT_REQUESTS)]
        category = categories.get(code)
        if category is None:
            continue
        enterprise = targets[(n * 7) % len(targets)]
        title = template.format(y=raised_on.year, last=raised_on.year - 1)
        req = EnterpriseRequest.objects.filter(
            enterprise=enterprise, title=title, raised_on=raised_on
        ).first()
        if req is None:
            req = _request_create(officer, enterprise, category, title, raised_on, responsible)
        # Carry the request forward to where its age puts it (a later load continues a request left open).
        for status, on, comment, resolution in _request_steps(outcome, raised_on, category.days, text):
            if on > today or req.status in (status, RequestStatus.RESOLVED, RequestStatus.RETURNED):
                continue
            services.request_transition(
                request=req, user=officer, to_status=status, comment=comment, resolution=resolution, on=on
            )


def load() -> None:
    park = Park.objects.filter(name=GOLMUD).first()
    if park is None:
        return
    officer = User.objects.filter(username__iexact="officer").first()
    agency = ServiceAgency.objects.filter(name=AGENCY).first()
    visits = _visits(park, officer, agency)
    _requests(park, officer, visits)
    today = timezone.localdate()
    _recent_visits(park, officer, agency, today)
    _recent_requests(park, officer, today)
    _load_delingha(today)


# 德令哈工业园 (issue 22), the smaller park of 海西州: each enterprise visited once in H1 2023 by the park's
# own officer, two requests of that half year, then a visit a month and a request a quarter.
DELINGHA = "德令哈工业园"
DELINGHA_REQUESTS = (
    (
        "柯鲁柯盐化",
        "technology",
        "溴素提取尾液综合利用技术对接高校",
        dt.date(2023, 3, 21),
        ["in_progress", "resolved"],
        "已对接中国科学院青海盐湖研究所",
    ),
    ("高原藜麦", "funding", "申请创新券支持产品检测费用", dt.date(2023, 5, 9), ["in_progress"], ""),
)
DELINGHA_VISIT_EVERY, DELINGHA_REQUEST_EVERY = 30, 90


def _load_delingha(today: dt.date) -> None:
    park = Park.objects.filter(name=DELINGHA).first()
    officer = User.objects.filter(username__iexact="delingha").first()
    if park is None or officer is None:
        return
    visits = _visits(park, officer, None)
    _requests(park, officer, visits, DELINGHA_REQUESTS, responsible="马科长")
    _recent_visits(park, officer, None, today, every=DELINGHA_VISIT_EVERY)
    _recent_requests(park, officer, today, every=DELINGHA_REQUEST_EVERY, responsible="马科长")
