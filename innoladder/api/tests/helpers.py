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
class World:
    """One record of each kind the API reads, for enterprise A (park) and the other park's enterprise."""

    assessment_a: object
    assessment_other: object
    visit_a: object
    visit_other: object
    request_a: object
    request_other: object
    submission_a: object
    submission_other: object
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
    visits, requests, submissions = {}, {}, {}
    for key, enterprise in (("a", cast.ent_a), ("other", cast.ent_other_park)):
        visits[key] = visit_create(
            user=cast.admin, enterprises=[enterprise], visited_on=today, topics=["policy"], notes="走访"
        )
        requests[key] = request_create(
            user=cast.admin, enterprise=enterprise, category=category, title="用地诉求"
        )
    for key, park, enterprise in (
        ("a", cast.park, cast.ent_a),
        ("other", cast.other_park, cast.ent_other_park),
    ):
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
    return World(
        assessment_a=assess_enterprise(user=cast.admin, enterprise=cast.ent_a),
        assessment_other=assess_enterprise(user=cast.admin, enterprise=cast.ent_other_park),
        visit_a=visits["a"],
        visit_other=visits["other"],
        request_a=requests["a"],
        request_other=requests["other"],
        submission_a=submissions["a"],
        submission_other=submissions["other"],
        report=report,
        category=category,
    )
