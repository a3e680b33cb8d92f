from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innoladder.core.models import Tracked

from . import choices as c


class WorkReport(Tracked):
    """A generated period work report (工作总结) of one park, or of one region (its parks added up): the text
    per section and the facts behind it.

    `sections` and `facts` are the generator's output as it stood when the report was made: the facts keep
    the ids of the rows they counted, so every figure can be traced and a re-generation compared. What an
    officer edits lives in `WorkReportEdit`, never here.
    """

    park = models.ForeignKey(
        "enterprises.Park",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="work_reports",
        verbose_name=_("园区"),
    )
    region = models.ForeignKey(
        "enterprises.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="work_reports",
        verbose_name=_("区域"),
    )
    period_start = models.DateField(_("开始日期"))
    period_end = models.DateField(_("结束日期"))
    title = models.CharField(_("标题"), max_length=200)
    sections = models.JSONField(_("生成文本"), default=list, blank=True)
    facts = models.JSONField(_("数据快照"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("生成人"),
    )
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = "工作总结"
        verbose_name_plural = "工作总结"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="workreport_period_ordered",
            ),
            # A report counts one park or one region, never both or neither.
            models.CheckConstraint(
                condition=models.Q(park__isnull=False, region__isnull=True)
                | models.Q(park__isnull=True, region__isnull=False),
                name="workreport_park_or_region",
            ),
        ]
        indexes = [models.Index(fields=["park", "-created_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("report_detail", args=[self.pk])

    @property
    def scope(self):
        """What the report counts: its park, or its region."""
        return self.park if self.park_id is not None else self.region

    def fact(self, key: str) -> dict | None:
        for fact in self.facts:
            if fact["key"] == key:
                return fact
        return None


class WorkReportEdit(Tracked):
    """An officer's edited text of one section of a report; the generated text stays untouched."""

    report = models.ForeignKey(WorkReport, on_delete=models.CASCADE, related_name="edits")
    section = models.CharField(_("章节"), max_length=30, choices=c.Section.choices)
    text = models.TextField(_("修改后文本"))
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("修改人"),
    )

    class Meta:
        verbose_name = "工作总结修改稿"
        verbose_name_plural = "工作总结修改稿"
        ordering = ["report", "section"]
        constraints = [
            models.UniqueConstraint(fields=["report", "section"], name="workreportedit_report_section")
        ]

    def __str__(self):
        return f"{self.report} · {self.get_section_display()}"
