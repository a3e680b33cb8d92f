from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innoladder.core.models import Tracked, dates_in_order, detail_url, optional_fk, unique_key
from innoladder.eligibility import tables as t

from .tiers import TABLE_TIERS, TIER_NAMES

TIER_CHOICES = [(tier, TIER_NAMES[tier]) for tier in TABLE_TIERS]
METRIC_CHOICES = [(key, metric.label) for key, metric in t.METRICS.items()]
WINDOW_CHOICES = [(key, label) for key, (_span, label) in t.WINDOWS.items()]
OPERATOR_CHOICES = list(t.OPERATORS.items())


class RuleTable(Tracked):
    """One version of a tier's criteria entered by an administrator, with the dates it is in force.

    Every save is kept as a numbered ``RuleTableRevision``; an assessment names the revision it used,
    so a later edit never changes how a past result is explained. Only an enabled (``is_published``)
    table is used by new assessments, on the dates of its effective range.
    """

    tier = models.CharField(_("认定层级"), max_length=30, choices=TIER_CHOICES)
    title = models.CharField(_("版本名称"), max_length=100, help_text=_("如：2026年修订版"))
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期"), null=True, blank=True, help_text=_("不填为长期有效"))
    source = models.CharField(
        _("依据文件"),
        max_length=300,
        help_text=_("主管部门发布的文件名称和文号，如《…管理办法》工信部企业〔2026〕…号"),
    )
    source_url = models.URLField(_("原文网址"), blank=True)
    note = models.TextField(_("说明"), blank=True)
    is_published = models.BooleanField(_("已启用"), default=False)
    revision = models.PositiveIntegerField(_("修订次数"), default=0)
    created_by = optional_fk(settings.AUTH_USER_MODEL, _("录入人"), blank=False)

    class Meta:
        verbose_name = verbose_name_plural = _("规则表")
        ordering = ["tier", "-effective_from", "-id"]
        constraints = [
            dates_in_order(
                "effective_from",
                "effective_to",
                "ruletables_table_dates",
                may_be_empty=["effective_to"],
                violation_error_message="失效日期不能早于生效日期",
            )
        ]

    def __str__(self):
        return f"{self.get_tier_display()} · {self.title}"

    get_absolute_url = detail_url("ruletable_detail")

    def in_force(self, on) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)


class RuleCondition(models.Model):
    """One condition of a rule table: 「{年度口径}{指标} {比较} {门槛}」, e.g. 上年度研发费用 ≥ 500 万元."""

    table = models.ForeignKey(RuleTable, on_delete=models.CASCADE, related_name="conditions")
    position = models.PositiveSmallIntegerField(_("序号"))
    metric = models.CharField(_("指标"), max_length=30, choices=METRIC_CHOICES)
    window = models.CharField(_("年度口径"), max_length=20, choices=WINDOW_CHOICES, default="last_year")
    operator = models.CharField(_("比较"), max_length=2, choices=OPERATOR_CHOICES, default=">=")
    threshold = models.DecimalField(
        _("门槛"),
        max_digits=16,
        decimal_places=4,
        help_text=_("金额填万元，比例填百分数（10% 填 10），人数、项数填整数"),
    )
    clause = models.CharField(_("依据条款"), max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("规则表条件")
        ordering = ["table", "position", "id"]

    def __str__(self):
        return str(self.as_condition())

    def as_condition(self) -> t.Condition:
        return t.Condition(self.metric, self.window, self.operator, self.threshold, self.clause)


class RuleTableRevision(models.Model):
    """A rule table exactly as it was saved, numbered; assessments refer to it (never edited)."""

    table = models.ForeignKey(RuleTable, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField(_("修订号"))
    data = models.JSONField(_("规则表内容"))
    entered_by = optional_fk(settings.AUTH_USER_MODEL, _("录入人"), blank=False)
    entered_by_name = models.CharField(_("录入人"), max_length=150)
    entered_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("规则表修订")
        ordering = ["table", "-number"]
        constraints = [unique_key("table", "number", name="ruletables_revision_number")]

    def __str__(self):
        return f"{self.table} 第{self.number}版"
