"""A synthetic park with records in every module the work report reads, for the report's benchmark and its
before/after test.

`generate(count=…, seed=…, year=…)` creates a park of `count` enterprises (the registry's own generator:
annual data, IP), then, per enterprise and drawn from one seeded generator: recognitions (some renewed,
some expiring after the year), applications with their workflow transitions, visits (several enterprises
each) and requests, S&T projects, cooperation, patent introductions, talents, fund applications and
vouchers, technology contracts, policy campaigns and trainings, the data collection of the previous fiscal
year, R&D ledgers and subsidies, awards, and an assessment with its scheme results. Rows are written with
the registry generator's multi-row insert, so 100,000 enterprises take minutes, not hours.

The report year is `year`: records fall in it and around it (before, for tracking and renewals; after, for
the "next steps" horizon).
"""

import datetime as dt
import random
from decimal import Decimal

from django.apps import apps
from django.db import transaction
from django.db.models import Max

from innoladder.enterprises import generator
from innoladder.enterprises.models import Enterprise, Park
from innoladder.recognitions.choices import Scheme

BATCH = 2000
SCHEMES = ("tsme", "hnte", "innovative_sme", "srdi_sme", "little_giant", "qh_tech_enterprise")
PARTNERS = (
    "青海大学",
    "中国科学院青海盐湖研究所",
    "青海师范大学",
    "武汉工程大学",
    "天津科技大学",
    "北京化工大学",
)
PROGRAMMES = (("factor", "生产要素保障"), ("transformation", "转型升级"), ("rd_subsidy", "研发投入补助"))


def _model(label: str):
    return apps.get_model(label)


def _day(rng: random.Random, year: int, first_month: int = 1, last_month: int = 12) -> dt.date:
    return dt.date(year, rng.randint(first_month, last_month), rng.randint(1, 28))


def _money(rng: random.Random, low_wan: int, high_wan: int) -> Decimal:
    return Decimal(rng.randint(low_wan, high_wan) * 10000).quantize(Decimal("0.01"))


class Writer:
    """Inserts rows of one model and returns their new ids (in insertion order)."""

    def __init__(self):
        self.inserters: dict = {}

    def insert(self, label: str, rows: list[dict]) -> list[int]:
        if not rows:
            return []
        model = _model(label)
        inserter = self.inserters.setdefault(label, generator.FastInsert(model))
        before = model.objects.aggregate(top=Max("pk"))["top"] or 0
        inserter.insert(rows)
        ids = list(model.objects.filter(pk__gt=before).order_by("pk").values_list("pk", flat=True))
        if len(ids) != len(rows):
            raise RuntimeError(f"{label}: inserted {len(rows)} rows, found {len(ids)}")
        return ids

    def insert_m2m(self, table: str, columns: tuple[str, str], pairs: list[tuple[int, int]]) -> None:
        from django.db import connection

        qn = connection.ops.quote_name
        sql = f"INSERT INTO {qn(table)} ({qn(columns[0])}, {qn(columns[1])}) VALUES (%s, %s)"  # noqa: S608
        with connection.cursor() as cursor:
            for start in range(0, len(pairs), 1000):
                cursor.executemany(sql, pairs[start : start + 1000])


def _park_records(writer: Writer, park: Park, year: int) -> dict:
    """The park-level records the enterprise rows point to: batches, programmes, campaigns, rules."""
    batch_ids = {}
    for scheme in SCHEMES:
        for y in range(year - 4, year + 1):
            (batch_ids[(scheme, y)],) = writer.insert(
                "recognitions.Batch",
                [
                    {
                        "park_id": park.pk,
                        "name": f"{y}年{Scheme(scheme).label}认定（第一批）",
                        "scheme": scheme,
                        "level": "national" if scheme in ("hnte", "tsme", "little_giant") else "provincial",
                        "year": y,
                        "opens_on": dt.date(y, 3, 1),
                        "closes_on": dt.date(y, 9, 30),
                    }
                ],
            )
    programmes = writer.insert(
        "funding.Programme",
        [
            {
                "park_id": park.pk,
                "year": year,
                "kind": kind,
                "name": f"{year}年{name}专项资金",
                "issuer": "科技局",
            }
            for kind, name in PROGRAMMES
        ]
        + [{"park_id": park.pk, "year": year, "kind": "voucher", "name": f"{year}年科技创新券"}],
    )
    campaigns = writer.insert(
        "policies.Campaign",
        [
            {
                "park_id": park.pk,
                "title": f"{year}年惠企政策进园区第{i + 1}期",
                "starts_on": dt.date(year, 1 + 2 * i, 1),
                "ends_on": dt.date(year, 2 + 2 * i, 28),
            }
            for i in range(6)
        ],
    )
    trainings = writer.insert(
        "policies.TrainingEvent",
        [
            {
                "park_id": park.pk,
                "title": f"{year}年高新技术企业认定培训班第{i + 1}期",
                "organiser": "园区科技局",
                "starts_on": dt.date(year, i + 1, 10),
                "ends_on": dt.date(year, i + 1, 11),
            }
            for i in range(12)
        ],
    )
    (collection_id,) = writer.insert(
        "collection.Campaign",
        [
            {
                "park_id": park.pk,
                "title": f"{year - 1}年度科技创新数据填报",
                "fiscal_year": year - 1,
                "fields": ["sales_revenue", "rd_expense"],
                "opens_on": dt.date(year, 2, 1),
                "deadline": dt.date(year, 5, 31),
                "status": "closed",
            }
        ],
    )
    (rule_id,) = writer.insert(
        "rnd.SubsidyRule",
        [
            {
                "park_id": park.pk,
                "year": year,
                "tax_year": year - 1,
                "title": f"{year}年研发投入后补助",
                "rate": Decimal("0.1000"),
                "cap": Decimal("500000.00"),
                "base": "deduction_amount",
            }
        ],
    )
    categories = list(_model("services.RequestCategory").objects.values_list("pk", "days"))
    return {
        "batches": batch_ids,
        "programmes": programmes,
        "campaigns": campaigns,
        "trainings": trainings,
        "collection": collection_id,
        "rule": rule_id,
        "categories": categories,
    }


def _recognitions(writer, rng, ids, park_rows, year):
    rows, renewals = [], []
    for pk in ids:
        if rng.random() > 0.35:
            continue
        scheme = rng.choice(SCHEMES)
        first = rng.randint(year - 4, year)
        issued = _day(rng, first)
        rows.append(
            {
                "enterprise_id": pk,
                "scheme": scheme,
                "level": "national",
                "number": f"GR{first}{pk:08d}",
                "batch_id": park_rows["batches"][(scheme, first)] if rng.random() < 0.7 else None,
                "issued_on": issued,
                "valid_until": generator.plus_years(issued, 3) - dt.timedelta(days=1),
                "revoked_on": _day(rng, year) if rng.random() < 0.01 else None,
            }
        )
    new_ids = writer.insert("recognitions.Recognition", rows)
    for pk, row in zip(new_ids, rows, strict=True):
        # Renewed at expiry by about half of the holders whose recognition ran out by the year's end.
        if row["valid_until"].year <= year and rng.random() < 0.5 and row["revoked_on"] is None:
            issued = row["valid_until"] + dt.timedelta(days=rng.randint(-30, 20))
            renewals.append(
                {
                    **row,
                    "number": row["number"] + "R",
                    "batch_id": park_rows["batches"].get((row["scheme"], issued.year)),
                    "issued_on": issued,
                    "valid_until": generator.plus_years(issued, 3) - dt.timedelta(days=1),
                    "renews_id": pk,
                }
            )
    writer.insert("recognitions.Recognition", renewals)


def _applications(writer, rng, ids, park_rows, year):
    rows, paths = [], []
    flow = ("intent", "preparing", "submitted", "reviewing", "publicised", "passed")
    for pk in ids:
        if rng.random() > 0.15:
            continue
        scheme = rng.choice(SCHEMES)
        started = _day(rng, year, 1, 10)
        steps = rng.randint(1, len(flow))
        rows.append(
            {
                "enterprise_id": pk,
                "batch_id": park_rows["batches"][(scheme, year)],
                "kind": "renewal" if rng.random() < 0.3 else "new",
                "status": flow[steps - 1],
                "started_on": started,
            }
        )
        paths.append((started, steps))
    app_ids = writer.insert("recognitions.Application", rows)
    moves = []
    for app_id, (started, steps) in zip(app_ids, paths, strict=True):
        on = started
        for i in range(steps):
            moves.append(
                {
                    "application_id": app_id,
                    "from_status": flow[i - 1] if i else "",
                    "to_status": flow[i],
                    "on": on,
                }
            )
            on = min(on + dt.timedelta(days=rng.randint(5, 40)), dt.date(year + 1, 3, 31))
    writer.insert("recognitions.ApplicationTransition", moves)


def _services(writer, rng, ids, park_rows, year):
    visits, members = [], []
    topics = ("upgrade", "project", "funding", "innovation", "rnd_ledger", "policy", "other")
    for _ in range(len(ids) * 8 // 10):
        visits.append(
            {
                "visited_on": _day(rng, year),
                "department": "园区科技局",
                "topics": rng.sample(topics, rng.randint(1, 3)),
                "notes": "上门走访，了解企业研发和申报情况",
            }
        )
        members.append(rng.sample(ids, rng.randint(1, 3)))
    visit_ids = writer.insert("services.Visit", visits)
    through = _model("services.Visit").enterprises.through
    writer.insert_m2m(
        through._meta.db_table,
        ("visit_id", "enterprise_id"),
        [(v, e) for v, group in zip(visit_ids, members, strict=True) for e in group],
    )
    requests = []
    for pk in ids:
        for _ in range(rng.choices((0, 1, 2), weights=(55, 35, 10))[0]):
            category, days = rng.choice(park_rows["categories"])
            raised = _day(rng, year)
            state = rng.choices(("resolved", "in_progress", "pending", "returned"), weights=(60, 20, 15, 5))[
                0
            ]
            resolved = raised + dt.timedelta(days=rng.randint(3, 60)) if state == "resolved" else None
            requests.append(
                {
                    "enterprise_id": pk,
                    "category_id": category,
                    "title": rng.choice(
                        ("用地审批协调", "人才公寓申请", "研发费用归集指导", "融资对接", "用电保障")
                    ),
                    "raised_on": raised,
                    "due_on": raised + dt.timedelta(days=days),
                    "status": state,
                    "resolved_on": resolved,
                    "department": "园区科技局",
                }
            )
    writer.insert("services.EnterpriseRequest", requests)


def _projects_and_cooperation(writer, rng, ids, year):
    projects, cooperation, patents, talents = [], [], [], []
    for pk in ids:
        if rng.random() < 0.12:
            approved = _day(rng, rng.randint(year - 3, year))
            finished = _day(rng, approved.year + 2) if rng.random() < 0.5 else None
            projects.append(
                {
                    "enterprise_id": pk,
                    "partner_institutions": rng.choice(PARTNERS),
                    "programme": rng.choice(("重点研发与转化计划", "科技成果转化专项", "昆仑英才计划")),
                    "level": rng.choice(("national", "provincial", "municipal")),
                    "year": approved.year,
                    "title": rng.choice(("盐湖卤水提锂关键技术研究", "高纯镁合金制备", "光伏组件回收利用"))
                    + f"（{len(projects) + 1}）",
                    "government_funding": _money(rng, 10, 300),
                    "self_raised": _money(rng, 10, 500),
                    "applied_on": approved - dt.timedelta(days=90),
                    "approved_on": approved,
                    "finished_on": finished,
                    "status": "closed" if finished else "in_progress",
                }
            )
        if rng.random() < 0.1:
            for _ in range(rng.randint(1, 3)):
                cooperation.append(
                    {
                        "enterprise_id": pk,
                        "partner": rng.choice(PARTNERS),
                        "title": "产学研合作项目",
                        "kind": rng.choice(("entrusted", "joint", "transfer", "service")),
                        "amount": _money(rng, 5, 200),
                        "signed_on": _day(rng, year),
                    }
                )
        if rng.random() < 0.03:
            patents.append(
                {
                    "enterprise_id": pk,
                    "patent_number": f"ZL{year}1{pk:08d}",
                    "title": "一种卤水提锂的吸附装置",
                    "kind": "invention_patent",
                    "mode": "transfer",
                    "source": rng.choice(PARTNERS),
                    "introduced_on": _day(rng, year),
                    "amount": _money(rng, 1, 50),
                }
            )
        if rng.random() < 0.06:
            talents.append(
                {
                    "enterprise_id": pk,
                    "name": rng.choice("王李张刘陈") + rng.choice(("伟", "芳", "磊", "静")),
                    "category": rng.choice(("leading", "top", "discipline_leader", "other")),
                    "status": "reserved",
                    "recorded_on": _day(rng, year),
                }
            )
    writer.insert("projects.Project", projects)
    writer.insert("cooperation.Cooperation", cooperation)
    writer.insert("cooperation.PatentIntroduction", patents)
    writer.insert("cooperation.Talent", talents)


def _funding_and_contracts(writer, rng, ids, park_rows, year):
    applications, vouchers, contracts = [], [], []
    *fund_programmes, voucher_programme = park_rows["programmes"]
    for pk in ids:
        if rng.random() < 0.15:
            applied = _day(rng, year, 1, 9)
            requested = _money(rng, 5, 100)
            decided = applied + dt.timedelta(days=rng.randint(30, 90))
            status = rng.choice(("applied", "accepted", "approved", "paid", "rejected"))
            approved = (
                (requested * Decimal("0.8")).quantize(Decimal("0.01"))
                if status in ("approved", "paid")
                else None
            )
            applications.append(
                {
                    "enterprise_id": pk,
                    "programme_id": rng.choice(fund_programmes),
                    "title": "专项资金申报",
                    "requested_amount": requested,
                    "applied_on": applied,
                    "approved_amount": approved,
                    "decided_on": decided if approved is not None or status == "rejected" else None,
                    "paid_amount": approved if status == "paid" else None,
                    "status": status,
                }
            )
        if rng.random() < 0.06:
            fee = _money(rng, 1, 20)
            vouchers.append(
                {
                    "enterprise_id": pk,
                    "programme_id": voucher_programme,
                    "used_on": _day(rng, year),
                    "holder_type": "tsme",
                    "service_type": "testing",
                    "provider": "青海省检验检测中心",
                    "fee": fee,
                    "amount": (fee / 2).quantize(Decimal("0.01")),
                }
            )
        if rng.random() < 0.08:
            prepared = _day(rng, year, 1, 10)
            amount = _money(rng, 10, 500)
            registered = rng.random() < 0.7
            contracts.append(
                {
                    "enterprise_id": pk,
                    "enterprise_role": "seller",
                    "title": "技术开发合同",
                    "category": "development",
                    "subtype": "commissioned",
                    "seller_name": "本企业",
                    "seller_uscc": "",
                    "buyer_name": rng.choice(PARTNERS),
                    "buyer_uscc": "",
                    "contract_amount": amount,
                    "transaction_amount": (amount * Decimal("0.9")).quantize(Decimal("0.01")),
                    "signed_on": prepared - dt.timedelta(days=10),
                    "prepared_on": prepared,
                    "status": "registered" if registered else "preparing",
                    "registration_number": f"63280{year}{pk:07d}" if registered else "",
                    "registered_on": prepared + dt.timedelta(days=rng.randint(5, 50)) if registered else None,
                }
            )
    writer.insert("funding.FundApplication", applications)
    writer.insert("funding.VoucherUse", vouchers)
    writer.insert("contracts.TechContract", contracts)


def _policies_and_collection(writer, rng, ids, park_rows, year):
    reaches, enrolments, submissions = [], [], []
    campaigns = _model("policies.Campaign").objects.in_bulk(park_rows["campaigns"])
    for pk in ids:
        for campaign_id in rng.sample(
            park_rows["campaigns"], rng.choices((0, 1, 2), weights=(40, 45, 15))[0]
        ):
            campaign = campaigns[campaign_id]
            days = (campaign.ends_on - campaign.starts_on).days
            reaches.append(
                {
                    "campaign_id": campaign_id,
                    "enterprise_id": pk,
                    "reached_on": campaign.starts_on + dt.timedelta(days=rng.randint(0, days)),
                    "channel": rng.choice(("visit", "meeting", "online")),
                }
            )
        if rng.random() < 0.3:
            enrolments.append({"event_id": rng.choice(park_rows["trainings"]), "enterprise_id": pk})
        if rng.random() < 0.7:
            accepted = rng.random() < 0.85
            at = dt.datetime(year, rng.randint(3, 6), rng.randint(1, 28), 10, tzinfo=dt.UTC)
            submissions.append(
                {
                    "campaign_id": park_rows["collection"],
                    "enterprise_id": pk,
                    "status": "accepted" if accepted else "submitted",
                    "data": {},
                    "declaration": True,
                    "submitted_at": at - dt.timedelta(days=3),
                    "accepted_at": at if accepted else None,
                }
            )
    writer.insert("policies.CampaignReach", reaches)
    writer.insert("policies.TrainingEnrolment", enrolments)
    writer.insert("collection.Submission", submissions)


def _rnd_awards_assessments(writer, rng, ids, park_rows, year):
    rd_projects, lines_per = [], []
    for pk in ids:
        if rng.random() < 0.4:
            rd_projects.append(
                {"enterprise_id": pk, "code": f"RD{year - 1}01", "name": "新工艺研发", "status": "ongoing"}
            )
            lines_per.append(rng.randint(3, 12))
    project_ids = writer.insert("rnd.RDProject", rd_projects)
    lines, runs = [], []
    for project_id, row, n in zip(project_ids, rd_projects, lines_per, strict=True):
        for k in range(n):
            lines.append(
                {
                    "enterprise_id": row["enterprise_id"],
                    "project_id": project_id,
                    "date": dt.date(year - 1, k % 12 + 1, 25),
                    "voucher_no": f"记-{k + 1:03d}",
                    "summary": "研发人员工资",
                    "amount": _money(rng, 1, 20),
                    "category": "personnel",
                }
            )
        if rng.random() < 0.4:
            runs.append(row["enterprise_id"])
    writer.insert("rnd.LedgerLine", lines)
    zero = Decimal("0.00")
    run_rows = [
        {
            "enterprise_id": pk,
            "year": year - 1,
            "status": "eligible",
            "rate": Decimal("1.000000"),
            "ledger_total": zero,
            "entrusted_domestic_actual": zero,
            "entrusted_overseas_actual": zero,
            "eligible_total": zero,
            "deduction_base": zero,
            "extra_deduction": zero,
            "result": {},
            "inputs_hash": "0" * 64,
            "computed_at": dt.datetime(year, 5, 20, tzinfo=dt.UTC),
        }
        for pk in runs
    ]
    run_ids = writer.insert("rnd.DeductionRun", run_rows)
    writer.insert(
        "rnd.SubsidyAward",
        [
            {
                "enterprise_id": pk,
                "rule_id": park_rows["rule"],
                "run_id": run_id,
                "amount": _money(rng, 1, 50),
                "awarded_on": _day(rng, year, 6, 12),
                "explanation": "按加计扣除额的10%补助",
            }
            for pk, run_id in zip(runs, run_ids, strict=True)
        ],
    )
    writer.insert(
        "enterprises.Award",
        [
            {
                "enterprise_id": pk,
                "name": rng.choice(("青海省科学技术进步奖", "海西州科学技术奖", "青海省专利奖")),
                "kind": "sci_tech",
                "level": "provincial",
                "grade": rng.choice(("一等奖", "二等奖", "三等奖")),
                "year": year - 1,
                "awarded_on": _day(rng, year),
                "rank": 1,
            }
            for pk in ids
            if rng.random() < 0.005
        ],
    )
    assessments = [
        {
            "enterprise_id": pk,
            "assessed_on": _day(rng, year, 1, 11),
            "facts": {},
            "versions": {},
            "settings": {},
            "data_year": year - 1,
            "is_latest": True,
        }
        for pk in ids
    ]
    assessment_ids = writer.insert("assessments.Assessment", assessments)
    results = []
    for assessment_id, row in zip(assessment_ids, assessments, strict=True):
        for scheme in SCHEMES:
            standing = rng.choices(
                ("held", "eligible", "close", "far", "unknown"), weights=(10, 12, 20, 45, 13)
            )[0]
            results.append(
                {
                    "assessment_id": assessment_id,
                    "enterprise_id": row["enterprise_id"],
                    "scheme": scheme,
                    "ruleset_version": f"{scheme}_2022",
                    "outcome": "eligible" if standing in ("held", "eligible") else "not_eligible",
                    "standing": standing,
                    "data_year": year - 1,
                    "is_latest": True,
                }
            )
    writer.insert("assessments.SchemeResult", results)


def generate(*, count: int, seed: int = 2024, year: int, name: str | None = None, progress=None) -> Park:
    """A new park of `count` enterprises with records in every module the report reads (see the module)."""
    park = Park.objects.create(name=name or f"基准园区{count}", short_name="基准园区", is_demo=True)
    generator.generate(count=count, park=park, years=3, seed=seed, until=year)
    rng = random.Random(seed)
    writer = Writer()
    park_rows = _park_records(writer, park, year)
    all_ids = list(
        Enterprise.objects.filter(park=park, status="active").order_by("pk").values_list("pk", flat=True)
    )
    for start in range(0, len(all_ids), BATCH):
        ids = all_ids[start : start + BATCH]
        with transaction.atomic():
            _recognitions(writer, rng, ids, park_rows, year)
            _applications(writer, rng, ids, park_rows, year)
            _services(writer, rng, ids, park_rows, year)
            _projects_and_cooperation(writer, rng, ids, year)
            _funding_and_contracts(writer, rng, ids, park_rows, year)
            _policies_and_collection(writer, rng, ids, park_rows, year)
            _rnd_awards_assessments(writer, rng, ids, park_rows, year)
        if progress is not None:
            progress(start + len(ids))
    return park
