"""The annual-data fields a campaign may ask for, with their kind and unit.

Money is typed and shown in 万元 (as on the enterprise's profile and in the import templates) and stored in
yuan, in the submission's data as in the annual data; counts are whole people (人) or items (项).
"""

from decimal import Decimal

from innoladder.enterprises import money
from innoladder.enterprises.models import AnnualData

COUNT_FIELDS = ("employees", "tech_staff", "rd_staff", "tech_conversions")
MONEY_FIELDS = (
    "sales_revenue",
    "main_revenue",
    "operating_revenue",
    "total_income",
    "non_taxable_income",
    "hitech_revenue",
    "rd_expense",
    "rd_domestic",
    "rd_entrusted_domestic",
    "rd_entrusted_overseas",
    "total_cost",
    "total_assets",
    "total_liabilities",
    "net_assets",
    "net_profit",
    "taxes_paid",
    "export_value",
    "equity_financing",
)
ALL_FIELDS = COUNT_FIELDS + MONEY_FIELDS
DEFAULT_FIELDS = (
    "employees",
    "tech_staff",
    "rd_staff",
    "sales_revenue",
    "main_revenue",
    "operating_revenue",
    "total_income",
    "hitech_revenue",
    "rd_expense",
    "rd_domestic",
    "total_cost",
    "total_assets",
    "total_liabilities",
    "net_profit",
)


def label(field: str) -> str:
    return str(AnnualData._meta.get_field(field).verbose_name)


def is_money(field: str) -> bool:
    return field in MONEY_FIELDS


MONEY_UNIT = "万元"
COUNT_UNITS = {"employees": "人", "tech_staff": "人", "rd_staff": "人", "tech_conversions": "项"}


def unit(field: str) -> str:
    """The unit a field is typed and shown in."""
    return MONEY_UNIT if is_money(field) else COUNT_UNITS[field]


def entry_text(field: str, stored) -> str:
    """A stored value (yuan for money, as Decimal or its text) as it is typed in the form: 万元 for money,
    exactly ("787820.00" → "78.782"); "" for nothing."""
    if stored is None or stored == "":
        return ""
    if is_money(field):
        return money.wan_text(Decimal(str(stored)))
    return str(stored)


def choices() -> list[tuple[str, str]]:
    return [(f, label(f)) for f in ALL_FIELDS]
