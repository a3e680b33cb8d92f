"""Choices of the R&D ledger. Values of RDForm and EnterpriseType are the engine's literals."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RDForm(models.TextChoices):
    SELF = "self", _("自主研发")
    ENTRUSTED_DOMESTIC = "entrusted_domestic", _("委托境内研发")
    ENTRUSTED_OVERSEAS = "entrusted_overseas", _("委托境外研发")
    COOPERATIVE = "cooperative", _("合作研发")
    CENTRALISED = "centralised", _("集中研发")


ENTRUSTED_FORMS = (RDForm.ENTRUSTED_DOMESTIC, RDForm.ENTRUSTED_OVERSEAS)


class ProjectStatus(models.TextChoices):
    ONGOING = "ongoing", _("进行中")
    FINISHED = "finished", _("已完成")
    TERMINATED = "terminated", _("已终止")


class Category(models.TextChoices):
    PERSONNEL = "personnel", _("人员人工费用")
    DIRECT_INPUT = "direct_input", _("直接投入费用")
    DEPRECIATION = "depreciation", _("折旧费用")
    AMORTISATION = "amortisation", _("无形资产摊销")
    DESIGN_FEES = "design_fees", _("新产品设计费等")
    OTHER_COSTS = "other_costs", _("其他相关费用")
    ENTRUSTED_DOMESTIC = "entrusted_domestic", _("委托研发(境内)")
    ENTRUSTED_OVERSEAS = "entrusted_overseas", _("委托研发(境外)")


IN_HOUSE_CATEGORIES = (
    Category.PERSONNEL,
    Category.DIRECT_INPUT,
    Category.DEPRECIATION,
    Category.AMORTISATION,
    Category.DESIGN_FEES,
    Category.OTHER_COSTS,
)


class EnterpriseType(models.TextChoices):
    GENERAL = "general", _("一般企业")
    IC = "ic", _("集成电路企业")
    MACHINE_TOOL = "machine_tool", _("工业母机企业")


class SubsidyBase(models.TextChoices):
    DEDUCTION_AMOUNT = "deduction_amount", _("研发费用加计扣除额")
    RD_INCREMENT = "rd_increment", _("研发投入增量")
