"""Test helpers: a token and an API client per user, and one record of each kind around the cast."""

import datetime as dt
from dataclasses import dataclass

from rest_framework.test import APIClient

from innoladder.api import services
from innoladder.api.models import ApiToken


def token_text(user) -> str:
    """A fresh token for ``user`` (bypassing the page's second-factor check, as force_login does)."""
    if user.role in ("sysadmin", "secadmin", "auditadmin"):
        return _raw_token(user)
    return services.token_issue(user=user, name="测试", days=30, second_factor_verified=True)[1]


def _raw_token(user) -> str:
    """A token row made directly: duty administrators cannot issue one, but a role may change later."""
    import secrets

    from django.utils import timezone

    prefix, secret = secrets.token_hex(6), secrets.token_hex(16)
    ApiToken.objects.create(
        user=user,
        name="直接",
        prefix=prefix,
        digest=services.digest_of(secret),
        expires_at=timezone.now() + dt.timedelta(days=30),
    )
    return f"il_{prefix}_{secret}"


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_text(user)}")
    return client


@dataclass
class Records:
    """One record of each kind the API reads, of one enterprise."""

    assessment: object
    visit: object
    request: object
    submission: object


@dataclass
class World:
    """The records of enterprise A (park) and of the other park's enterprise, the park's report and the
    request category used."""

    a: Records
    other: Records
    report: object
    category: object


def build_world(cast) -> World:
    from innoladder.assessments.services import assess_enterprise
    from innoladder.collection.services import campaign_open
    from innoladder.core.testing.factories import AnnualDataFactory, IPRecordFactory
    from innoladder.recognitions.services import recognition_create
    from innoladder.reports.services import report_generate
    from innoladder.services.models import RequestCategory
    from innoladder.services.services import request_create, visit_create

    today = dt.date.today()
    for enterprise in (cast.ent_a, cast.ent_b, cast.ent_other_park):
        AnnualDataFactory(enterprise=enterprise, year=today.year - 1, employees=50, sales_revenue=8_000_000)
        IPRecordFactory(enterprise=enterprise)
        recognition_create(
            user=cast.admin, enterprise=enterprise, scheme="tsme", level="national", issued_on=today
        )
    # Seeded by a data migration, which a transactional test's flush may have removed.
    category = RequestCategory.objects.filter(active=True).first() or RequestCategory.objects.create(
        code="policy", name="政策咨询", days=1
    )
    sides = {"a": (cast.park, cast.ent_a), "other": (cast.other_park, cast.ent_other_park)}
    visits, requests, submissions = {}, {}, {}
    for key, (_park, enterprise) in sides.items():
        visits[key] = visit_create(
            user=cast.admin, enterprises=[enterprise], visited_on=today, topics=["policy"], notes="走访"
        )
        requests[key] = request_create(
            user=cast.admin, enterprise=enterprise, category=category, title="用地诉求"
        )
    for key, (park, enterprise) in sides.items():
        campaign = campaign_open(
            user=cast.admin,
            park=park,
            title=f"{today.year - 1}年度数据填报",
            fiscal_year=today.year - 1,
            fields=["employees", "sales_revenue"],
            opens_on=today,
            deadline=today + dt.timedelta(days=30),
        )
        submissions[key] = campaign.submissions.get(enterprise=enterprise)
    report = report_generate(user=cast.admin, park=cast.park, start=today.replace(month=1, day=1), end=today)
    records = {
        key: Records(
            assessment=assess_enterprise(user=cast.admin, enterprise=enterprise),
            visit=visits[key],
            request=requests[key],
            submission=submissions[key],
        )
        for key, (_park, enterprise) in sides.items()
    }
    return World(a=records["a"], other=records["other"], report=report, category=category)
