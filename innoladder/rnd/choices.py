"""Choices of the R&D ledger. Values of RDForm and EnterpriseType are the engine's literals."""

from django.db import models


class RDForm(models.TextChoices):
    SELF = "self", "自主研发"
    ENTRUSTED_DOMESTIC = "entrusted_domestic", "委托境内研发"
    ENTRUSTED_OVERSEAS = "entrusted_overseas", "委托境外研发"
    COOPERATIVE = "cooperative", "合作研发"
    CENTRALISED = "centralised", "集中研发"


ENTRUSTED_FORMS = (RDForm.ENTRUSTED_DOMESTIC, RDForm.ENTRUSTED_OVERSEAS)


class ProjectStatus(models.TextChoices):
    ONGOING = "ongoing", "进行中"
    FINISHED = "finished", "已完成"
    TERMINATED = "terminated", "已终止"


class Category(models.TextChoices):
    PERSONNEL = "personnel", "人员人工费用"
    DIRECT_INPUT = "direct_input", "直接投入费用"
    DEPRECIATION = "depreciation", "折旧费用"
    AMORTISATION = "amortisation", "无形资产摊销"
    DESIGN_FEES = "design_fees", "新产品设计费等"
    OTHER_COSTS = "other_costs", "其他相关费用"
    ENTRUSTED_DOMESTIC = "entrusted_domestic", "委托研发(境内)"
    ENTRUSTED_OVERSEAS = "entrusted_overseas", "委托研发(境外)"


IN_HOUSE_CATEGORIES = (
    Category.PERSONNEL,
    Category.DIRECT_INPUT,
    Category.DEPRECIATION,
    Category.AMORTISATION,
    Category.DESIGN_FEES,
    Category.OTHER_COSTS,
)


class EnterpriseType(models.TextChoices):
    GENERAL = "general", "一般企业"
    IC = "ic", "集成电路企业"
    MACHINE_TOOL = "machine_tool", "工业母机企业"


class SubsidyBase(models.TextChoices):
    DEDUCTION_AMOUNT = "deduction_amount", "研发费用加计扣除额"
    RD_INCREMENT = "rd_increment", "研发投入增量"
