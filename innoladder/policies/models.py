import uuid
from decimal import Decimal
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from innoladder.core.models import Tracked, dates_in_order, detail_url, joined_str, unique_key
from innoladder.enterprises.choices import TechField
from innoladder.enterprises.models import EnterpriseChild, Park, enterprise_fk

from . import choices as c
from . import matching

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def attachment_path(instance, filename: str) -> str:
    """Random stored name: the user's file name never becomes a path (security-baseline AS-16)."""
    return str(PurePosixPath("policies") / f"{uuid.uuid4().hex}.pdf")


def validate_pdf(upload) -> None:
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(f"附件不能超过{MAX_ATTACHMENT_BYTES // (1024 * 1024)}MB")
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(position)
    if head != PDF_MAGIC:
        raise ValidationError("附件须为PDF文件")


class Policy(Tracked):
    """A policy document in the park's library, with the tiers and conditions it targets (for matching)."""

    park = models.ForeignKey(Park, on_delete=models.PROTECT, related_name="policies", verbose_name=_("园区"))
    title = models.CharField(_("政策名称"), max_length=300)
    issuer = models.CharField(_("发文机关"), max_length=200)
    document_number = models.CharField(_("文号"), max_length=100, blank=True)
    issued_on = models.DateField(_("发文日期"))
    level = models.CharField(_("层级"), max_length=20, choices=c.PolicyLevel.choices)
    tags = models.JSONField(_("标签"), default=list, blank=True)
    summary = models.TextField(_("政策摘要"), blank=True)
    attachment = models.FileField(
        _("附件(PDF)"), upload_to=attachment_path, blank=True, validators=[validate_pdf]
    )
    attachment_name = models.CharField(_("附件原文件名"), max_length=200, blank=True)
    valid_from = models.DateField(_("有效期自"), null=True, blank=True)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    target_tiers = models.JSONField(_("面向资质(任一)"), default=list, blank=True)
    tech_fields = models.JSONField(_("技术领域(任一)"), default=list, blank=True)
    require_strategic_emerging = models.BooleanField(_("限战略性新兴产业"), default=False)
    gap_margin = models.DecimalField(
        _("差距较小的相对幅度"), max_digits=4, decimal_places=2, default=Decimal("0.20")
    )
    benefit = models.CharField(_("支持内容"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("政策")
        ordering = ["-issued_on", "-id"]
        constraints = [
            dates_in_order(
                "valid_from",
                "valid_until",
                "policies_validity_ordered",
                may_be_empty=["valid_until", "valid_from"],
            ),
            models.CheckConstraint(
                condition=models.Q(gap_margin__gte=0, gap_margin__lte=1), name="policies_gap_margin_range"
            ),
        ]

    def __str__(self):
        return self.title

    get_absolute_url = detail_url("policy_detail")

    def clean(self):
        errors = {}
        unknown = [t for t in self.target_tiers or [] if t not in c.Tier.values]
        if unknown:
            errors["target_tiers"] = "未知的资质：" + "、".join(unknown)
        unknown = [t for t in self.tech_fields or [] if t not in TechField.values]
        if unknown:
            errors["tech_fields"] = "未知的技术领域：" + "、".join(unknown)
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = "有效期结束日期不能早于开始日期"
        if errors:
            raise ValidationError(errors)

    def is_valid_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def criteria(self, conditions=None) -> matching.Criteria:
        conditions = self.conditions.all() if conditions is None else conditions
        return matching.Criteria(
            target_tiers=frozenset(self.target_tiers or ()),
            tech_fields=frozenset(self.tech_fields or ()),
            tech_field_labels=dict(TechField.choices),
            strategic_emerging=self.require_strategic_emerging,
            conditions=tuple(cond.as_condition() for cond in conditions),
        )

    @property
    def has_criteria(self) -> bool:
        return bool(self.target_tiers or self.tech_fields or self.require_strategic_emerging) or (
            self.conditions.exists()
        )


class PolicyCondition(models.Model):
    """One numeric condition of a policy on the enterprise's latest annual data."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="conditions")
    field = models.CharField(_("指标"), max_length=30, choices=c.ConditionField.choices)
    operator = models.CharField(_("比较"), max_length=2, choices=c.Operator.choices)
    threshold = models.DecimalField(
        _("阈值"),
        max_digits=18,
        decimal_places=4,
        help_text=_("金额填元；比例填小数，如3%填0.03；人数填整数"),
    )

    class Meta:
        verbose_name = verbose_name_plural = _("政策匹配条件")
        ordering = ["id"]

    def __str__(self):
        return f"{self.get_field_display()}{self.get_operator_display()}{self.threshold}"

    def as_condition(self) -> matching.Condition:
        return matching.Condition(self.field, self.operator, self.threshold)


class Campaign(Tracked):
    """A policy-promotion campaign (宣传活动, e.g. 助企暖企春风行动) and the enterprises it reached."""

    park = models.ForeignKey(
        Park, on_delete=models.PROTECT, related_name="promotion_campaigns", verbose_name=_("园区")
    )
    title = models.CharField(_("活动名称"), max_length=200)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    description = models.TextField(_("活动内容"), blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("宣传活动")
        ordering = ["-starts_on", "-id"]
        constraints = [dates_in_order("starts_on", "ends_on", "policies_campaign_dates")]

    def __str__(self):
        return self.title

    get_absolute_url = detail_url("promo_detail")


class CampaignReach(EnterpriseChild):
    """An enterprise reached by a campaign: when and through which channel."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reaches")
    enterprise = enterprise_fk("campaign_reaches")
    reached_on = models.DateField(_("日期"))
    channel = models.CharField(_("方式"), max_length=20, choices=c.Channel.choices, default=c.Channel.VISIT)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("活动覆盖企业")
        ordering = ["reached_on", "id"]
        constraints = [
            unique_key("campaign", "enterprise", "reached_on", name="policies_campaign_reach_unique")
        ]

    __str__ = joined_str("campaign", "enterprise")


class TrainingEvent(Tracked):
    """A training event (培训班) with its organiser, dates, place and enrolled enterprises."""

    park = models.ForeignKey(Park, on_delete=models.PROTECT, related_name="trainings", verbose_name=_("园区"))
    title = models.CharField(_("培训班名称"), max_length=200)
    organiser = models.CharField(_("主办单位"), max_length=200)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    place = models.CharField(_("地点"), max_length=200, blank=True)
    description = models.TextField(_("内容"), blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("培训班")
        ordering = ["-starts_on", "-id"]
        constraints = [dates_in_order("starts_on", "ends_on", "policies_training_dates")]

    def __str__(self):
        return self.title

    get_absolute_url = detail_url("training_detail")


class TrainingEnrolment(EnterpriseChild):
    """An enterprise sent to a training event, with its attendees."""

    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="enrolments")
    enterprise = enterprise_fk("training_enrolments")

    class Meta:
        verbose_name = verbose_name_plural = _("培训报名企业")
        ordering = ["id"]
        constraints = [unique_key("event", "enterprise", name="policies_training_enrolment_unique")]

    __str__ = joined_str("event", "enterprise")


class TrainingAttendee(models.Model):
    """A person who attended for the enterprise: name and position only (minimum personal data)."""

    scope_enterprise_path = "enrolment__enterprise"

    enrolment = models.ForeignKey(TrainingEnrolment, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(_("姓名"), max_length=50)
    position = models.CharField(_("职务"), max_length=100, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("参训人员")
        ordering = ["id"]

    def __str__(self):
        return self.name
