"""Golmud demo (issue 9): technology-contract registration prepared with 黄河维检 and others in H1 2023
(status 准备), one of them registered. Park enterprises are looked up by name and skipped if absent;
the counterparties are invented, with checksum-valid codes.
"""

import datetime as dt
from decimal import Decimal

from innoladder.eligibility.uscc import check_char, org_code_check_char
from innoladder.enterprises.models import Enterprise, Park

from . import choices as c
from .models import TechContract, TechContractHistory

D = Decimal


def demo_uscc(division: str, serial: int) -> str:
    body = f"{serial:08d}"
    first17 = f"91{division}{body}{org_code_check_char(body)}"
    return first17 + check_char(first17)


# (park enterprise fragment, role, title, category, subtype, counterparty, division, serial,
#  contract, transaction, signed, prepared, registration number, registered on, transfer income/cost)
CONTRACTS = (
    (
        "黄河维检",
        "seller",
        "盐湖化工装置在线检测技术服务",
        "service",
        "general",
        "青海盐湖工业股份有限公司",
        "632801",
        73001,
        "1200000",
        "1050000",
        "2023-03-08",
        "2023-04-20",
        "",
        None,
        None,
    ),
    (
        "黄河维检",
        "seller",
        "大型储罐无损检测技术开发（委托）",
        "development",
        "commissioned",
        "格尔木藏格钾肥有限公司",
        "632801",
        73002,
        "2600000",
        "2300000",
        "2023-05-12",
        "2023-06-08",
        "2023630001000123",
        "2023-06-26",
        None,
    ),
    (
        "盐湖镁业",
        "buyer",
        "高纯氧化镁制备技术秘密转让",
        "transfer",
        "know_how",
        "中国科学院青海盐湖研究所",
        "630100",
        73003,
        "6800000",
        "6500000",
        "2023-02-15",
        "2023-03-10",
        "",
        None,
        ("6500000", "900000"),
    ),
    (
        "西豫有色",
        "buyer",
        "铅锌冶炼烟气治理技术咨询",
        "consulting",
        "evaluation",
        "昆明理工大学设计研究院有限公司",
        "530100",
        73004,
        "380000",
        "360000",
        "2023-04-02",
        "2023-05-16",
        "",
        None,
        None,
    ),
)


# Counterparties that may be park enterprises under a slightly different registered name.
COUNTERPARTY_FRAGMENTS = {
    "青海盐湖工业股份有限公司": ("盐湖股份", "盐湖工业股份"),
    "格尔木藏格钾肥有限公司": ("藏格钾肥",),
}


def load() -> None:
    park = Park.objects.filter(name="格尔木工业园").first()
    if park is None:
        return
    for row in CONTRACTS:
        (
            name,
            role,
            title,
            category,
            subtype,
            other,
            division,
            serial,
            amount,
            technical,
            signed,
            prepared,
            number,
            registered_on,
            transfer,
        ) = row
        enterprise = Enterprise.objects.filter(park=park, name__contains=name).first()
        if enterprise is None or TechContract.objects.filter(enterprise=enterprise, title=title).exists():
            continue
        known = Enterprise.objects.filter(name=other).first()
        for fragment in COUNTERPARTY_FRAGMENTS.get(other, ()):
            known = known or Enterprise.objects.filter(park=park, name__contains=fragment).first()
        if known is not None:
            other = known.name
        other_code = known.uscc if known else demo_uscc(division, serial)
        own = (enterprise.name, enterprise.uscc)
        seller, buyer = (own, (other, other_code)) if role == "seller" else ((other, other_code), own)
        status = c.RegistrationStatus.REGISTERED if number else c.RegistrationStatus.PREPARING
        contract = TechContract.objects.create(
            enterprise=enterprise,
            enterprise_role=role,
            title=title,
            category=category,
            subtype=subtype,
            seller_name=seller[0],
            seller_uscc=seller[1],
            buyer_name=buyer[0],
            buyer_uscc=buyer[1],
            contract_amount=D(amount),
            transaction_amount=D(technical),
            signed_on=dt.date.fromisoformat(signed),
            term_start=dt.date.fromisoformat(signed),
            term_end=dt.date.fromisoformat(signed) + dt.timedelta(days=365),
            prepared_on=dt.date.fromisoformat(prepared),
            status=status,
            submitted_on=dt.date.fromisoformat(prepared) if number else None,
            registration_number=number,
            registered_on=dt.date.fromisoformat(registered_on) if registered_on else None,
            transfer_income=D(transfer[0]) if transfer else None,
            transfer_cost=D(transfer[1]) if transfer else None,
            transfer_taxes=D(0) if transfer else None,
            is_demo=True,
        )
        TechContractHistory.objects.create(
            contract=contract, to_status=c.RegistrationStatus.PREPARING, comment="演示数据"
        )
        if number:
            TechContractHistory.objects.create(
                contract=contract,
                from_status=c.RegistrationStatus.PREPARING,
                to_status=c.RegistrationStatus.SUBMITTED,
            )
            TechContractHistory.objects.create(
                contract=contract, from_status=c.RegistrationStatus.SUBMITTED, to_status=status
            )
