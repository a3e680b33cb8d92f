import datetime as dt

from innoladder.contracts import demo, selectors
from innoladder.core.testing.factories import EnterpriseFactory, ParkFactory


def test_demo_prepares_h1_2023_contracts_with_huanghe_and_registers_one(cast):
    park = ParkFactory(name="格尔木工业园")
    EnterpriseFactory(park=park, name="青海黄河维检工程有限公司")
    demo.load()
    demo.load()
    rows = list(selectors.contracts_in_period(cast.admin, park, dt.date(2023, 1, 1), dt.date(2023, 6, 30)))
    assert len(rows) == 2 and all(r.is_demo for r in rows)
    assert [r.status for r in rows].count("registered") == 1
    for row in rows:
        row.full_clean()  # the demo rows satisfy the same rules as entered ones


def test_demo_uses_the_registry_code_when_the_counterparty_is_a_park_enterprise(cast):
    park = ParkFactory(name="格尔木工业园")
    EnterpriseFactory(park=park, name="青海黄河维检科技有限公司")
    salt_lake = EnterpriseFactory(park=park, name="青海盐湖股份有限公司")
    demo.load()
    h1 = (dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    contract = selectors.contracts_in_period(cast.admin, park, *h1).first()
    assert (contract.buyer_name, contract.buyer_uscc) == (salt_lake.name, salt_lake.uscc)
