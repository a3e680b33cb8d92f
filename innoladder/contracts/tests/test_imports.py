import datetime as dt
from decimal import Decimal

from innoladder.contracts.demo import demo_uscc
from innoladder.contracts.models import TechContract
from innoladder.imports.tests.helpers import commit, preview, xlsx

HEAD = [
    "园区企业统一社会信用代码",
    "园区企业为",
    "合同名称",
    "签订日期",
    "合同类别",
    "子类",
    "卖方名称",
    "卖方统一社会信用代码",
    "买方名称",
    "买方统一社会信用代码",
    "合同成交额(万元)",
    "技术交易额(万元)",
]
OTHER = demo_uscc("630100", 7)


def _row(cast, title, amount="120", technical="100", subtype="委托开发", seller=None):
    a = cast.ent_a
    return [
        a.uscc,
        "卖方",
        title,
        "2023-03-08",
        "技术开发",
        subtype,
        a.name,
        seller or a.uscc,
        "某买方",
        OTHER,
        amount,
        technical,
    ]


def test_contract_rows_import_with_amounts_in_wan_and_bad_rows_refused(cast):
    good = xlsx([HEAD, _row(cast, "检测技术开发")], title="技术合同")
    batch = preview(cast.officer, "tech_contracts", good)
    assert not batch.errors and not batch.file_errors, (batch.errors, batch.file_errors)
    batch, _job = commit(batch, cast.officer)
    contract = TechContract.objects.get()
    assert (contract.contract_amount, contract.transaction_amount) == (Decimal("1200000"), Decimal("1000000"))
    assert contract.status == "preparing" and contract.subtype == "commissioned"
    assert contract.signed_on == dt.date(2023, 3, 8)
    bad = xlsx(
        [
            HEAD,
            _row(cast, "超额", technical="121"),
            _row(cast, "错子类", subtype="专利权转让"),
            _row(cast, "错代码", seller=cast.ent_b.uscc),
        ],
        title="技术合同",
    )
    batch = preview(cast.officer, "tech_contracts", bad)
    messages = " ".join(e["message"] if isinstance(e, dict) else str(e) for e in batch.errors)
    assert "技术交易额不能超过合同成交额" in messages
    assert "不包含该子类" in messages
    assert "与该方代码不一致" in messages
    assert TechContract.objects.count() == 1


def test_enterprise_users_cannot_import_contracts(cast):
    from innoladder.imports.registry import get

    assert not get("tech_contracts").is_allowed(cast.user_a)
    assert get("tech_contracts").is_allowed(cast.agency)
