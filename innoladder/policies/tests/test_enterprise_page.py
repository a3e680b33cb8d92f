"""The three modules' contributions to the enterprise page and the home page, scoped to the viewer."""

import datetime as dt
from decimal import Decimal

from innoladder.contracts import enterprise_panels as contract_panels
from innoladder.contracts import home as contract_home
from innoladder.contracts import services as contract_services
from innoladder.contracts.demo import demo_uscc
from innoladder.core.testing.access import request_as
from innoladder.core.testing.factories import AnnualDataFactory
from innoladder.funding import enterprise_panels as fund_panels
from innoladder.funding import home as fund_home
from innoladder.funding.tests.factories import FundApplicationFactory
from innoladder.policies import enterprise_panels as policy_panels
from innoladder.policies import home as policy_home
from innoladder.policies import services
from innoladder.policies.tests.helpers import municipal_policy, spring_campaign


def test_enterprise_page_panels_and_timeline(cast):
    ent = cast.ent_a
    FundApplicationFactory(enterprise=ent, title="用电补助", applied_on=dt.date(2023, 2, 20))
    contract_services.contract_create(
        user=cast.officer,
        enterprise=ent,
        enterprise_role="seller",
        title="检测技术服务",
        category="service",
        subtype="general",
        seller_name=ent.name,
        seller_uscc=ent.uscc,
        buyer_name="某公司",
        buyer_uscc=demo_uscc("630100", 3),
        contract_amount=Decimal(100),
        transaction_amount=Decimal(100),
        signed_on=dt.date(2023, 3, 8),
    )
    campaign = spring_campaign(cast)
    services.campaign_reach_add(
        user=cast.officer, campaign=campaign, enterprise=ent, reached_on=dt.date(2023, 3, 9), channel="visit"
    )
    municipal_policy(cast, "研发后补助", conditions=[("rd_expense", ">=", Decimal("1000000"))])
    AnnualDataFactory(enterprise=ent, year=2023, rd_expense=Decimal("900000"))

    request = request_as(cast.user_a)
    html = "".join(
        p.html for m in (fund_panels, contract_panels, policy_panels) for p in m.panels(request, ent)
    )
    assert "用电补助" in html and "检测技术服务" in html and "助企暖企春风行动" in html
    assert "研发费用还需增加 ¥10万" in html
    events = [e for m in (fund_panels, contract_panels, policy_panels) for e in m.events(request, ent)]
    assert {(e.on, e.kind) for e in events} == {
        (dt.date(2023, 2, 20), "扶持资金"),
        (dt.date(2023, 3, 8), "技术合同"),
        (dt.date(2023, 3, 9), "政策宣传"),
    }
    # Another enterprise's user sees nothing of enterprise A, even if handed A's page.
    other = request_as(cast.user_b)
    assert not any(m.events(other, ent) for m in (fund_panels, contract_panels, policy_panels))
    assert not fund_panels.panels(other, ent) and not contract_panels.panels(other, ent)

    assert fund_home.home_panels(cast.officer)[0]["value"] == 1
    assert contract_home.home_panels(cast.officer)[0]["value"] == 1
    assert policy_home.home_panels(cast.user_b)[0]["value"] == 1
    assert fund_home.home_panels(cast.user_b) == [] and contract_home.home_panels(cast.other_officer) == []
