"""Bulk entry of technology contracts through the shared Excel import framework (docs/dev/imports.md).

Rows are matched by 园区企业 + 合同名称 + 签订日期. Registration status, number and date are not
imported: imported contracts start as 准备 and move through the registration workflow on screen.
"""

from django.utils.translation import gettext_noop

from innoladder.core.viewkit import can_write
from innoladder.eligibility.tech_contract import SUBTYPES
from innoladder.imports import registry
from innoladder.imports.datasets import (
    CHOICE,
    DATE,
    ENTERPRISE,
    MONEY,
    TEXT,
    USCC,
    CellError,
    Column,
    dates_in_order,
)
from innoladder.imports.values import fold

from . import choices as c
from .models import TechContract

SUBTYPE_BY_LABEL = {fold(label): key for subs in SUBTYPES.values() for key, label in subs.items()}
SUBTYPE_BY_LABEL.update({fold(key): key for subs in SUBTYPES.values() for key in subs})


def parse_subtype(raw, ctx) -> str:
    key = SUBTYPE_BY_LABEL.get(fold(str(raw)))
    if key is None:
        raise CellError("未知的合同子类，请填写如“委托开发”“专利权转让”“技术秘密使用许可”")
    return key


def clean(vals: dict, ctx) -> dict[str, str]:
    errors: dict[str, str] = {}
    category, subtype = vals.get("category"), vals.get("subtype")
    if category and subtype and subtype not in SUBTYPES[category]:
        errors["subtype"] = f"{c.ContractCategory(category).label}合同不包含该子类"
    amount, technical = vals.get("contract_amount"), vals.get("transaction_amount")
    if amount is not None and technical is not None and technical > amount:
        errors["transaction_amount"] = "技术交易额不能超过合同成交额"
    for field in ("contract_amount", "transaction_amount"):
        if vals.get(field) is not None and vals[field] < 0:
            errors[field] = "金额不能为负数"
    role = vals.get("enterprise_role")
    if role and vals.get("enterprise_id"):
        field = "seller_uscc" if role == c.PartyRole.SELLER else "buyer_uscc"
        if vals.get(field) and vals[field] != ctx.enterprise_value(vals["enterprise_id"], "uscc"):
            errors[field] = "园区企业的统一社会信用代码与该方代码不一致"
    errors.update(dates_in_order(vals, "term_start", "term_end", "履行期限的结束日期不能早于开始日期"))
    return errors


def _defaults(ctx) -> dict:
    return {"status": c.RegistrationStatus.PREPARING, "prepared_on": ctx.today}


registry.declare(
    ("tech_contracts", gettext_noop("技术合同"), TechContract, ("enterprise", "title", "signed_on")),
    order=60,
    description=gettext_noop(
        "按“园区企业统一社会信用代码 + 合同名称 + 签订日期”新增或更新技术合同；导入后登记状态为“准备”。"
    ),
    columns=[
        Column("园区企业统一社会信用代码", "enterprise", ENTERPRISE, required=True, width=22),
        Column(
            "园区企业为", "enterprise_role", CHOICE, required=True, choices=c.PartyRole, help="卖方或买方"
        ),
        Column("合同名称", "title", TEXT, required=True, width=30),
        Column("签订日期", "signed_on", DATE, required=True),
        Column("合同类别", "category", CHOICE, required=True, choices=c.ContractCategory),
        Column("子类", "subtype", TEXT, required=True, parse=parse_subtype, help="如 委托开发、专利权转让"),
        Column("卖方名称", "seller_name", TEXT, required=True, width=28),
        Column("卖方统一社会信用代码", "seller_uscc", USCC, required=True, width=22),
        Column("买方名称", "buyer_name", TEXT, required=True, width=28),
        Column("买方统一社会信用代码", "buyer_uscc", USCC, required=True, width=22),
        Column("合同成交额", "contract_amount", MONEY, required=True, unit="万元", min_value=0),
        Column(
            "技术交易额",
            "transaction_amount",
            MONEY,
            required=True,
            unit="万元",
            min_value=0,
            help="不超过合同成交额",
        ),
        Column("履行期限自", "term_start", DATE),
        Column("履行期限至", "term_end", DATE),
        Column("登记准备日期", "prepared_on", DATE, help="不填为导入当日"),
        Column("技术转让收入", "transfer_income", MONEY, unit="万元", min_value=0),
        Column("技术转让成本", "transfer_cost", MONEY, unit="万元", min_value=0),
        Column("相关税费", "transfer_taxes", MONEY, unit="万元", min_value=0),
    ],
    defaults=_defaults,
    clean=clean,
    allowed=can_write,
    examples=[
        {
            "enterprise": "91632801MA7G2XY87R",
            "enterprise_role": "卖方",
            "title": "盐湖卤水检测技术服务",
            "signed_on": "2023-03-08",
            "category": "技术服务",
            "subtype": "技术服务",
            "seller_name": "格尔木示例锂业有限公司",
            "seller_uscc": "91632801MA7G2XY87R",
            "buyer_name": "青海某化工有限公司",
            "buyer_uscc": "916328010007300116",
            "contract_amount": "120",
            "transaction_amount": "105",
        }
    ],
)
