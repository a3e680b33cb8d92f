"""The annual-data fields a campaign may ask for, with their kind (count or money in yuan)."""

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


def choices() -> list[tuple[str, str]]:
    return [(f, label(f)) for f in ALL_FIELDS]
