from django.conf import settings
from django.db import models
from django.urls import reverse

from innoladder.core.models import Tracked
from innoladder.core.scoping import ScopedQuerySet
from innoladder.enterprises.models import Enterprise, Park

from .choices import CampaignStatus, SubmissionStatus


class Campaign(Tracked):
    """A yearly collection of enterprise figures (年度数据填报) for a park or a chosen set of enterprises."""

    park = models.ForeignKey(Park, on_delete=models.PROTECT, related_name="campaigns", verbose_name="园区")
    title = models.CharField("名称", max_length=200)
    fiscal_year = models.PositiveSmallIntegerField("填报年度")
    fields = models.JSONField("填报字段", default=list)
    opens_on = models.DateField("开始日期")
    deadline = models.DateField("截止日期")
    instructions = models.TextField("填报说明", blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField("演示数据", default=False)

    class Meta:
        verbose_name = "填报任务"
        verbose_name_plural = "填报任务"
        ordering = ["-fiscal_year", "-opens_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("opens_on")), name="campaign_dates"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaign_detail", args=[self.pk])


class Submission(Tracked):
    """One enterprise's form in a campaign: draft, submitted, returned or accepted."""

    scope_enterprise_path = "enterprise"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="submissions")
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="submissions")
    status = models.CharField(
        "状态", max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.NOT_STARTED
    )
    data = models.JSONField("填报数据", default=dict, blank=True)
    confirmed_warnings = models.JSONField("已确认的提示", default=list, blank=True)
    declaration = models.BooleanField("已承诺数据真实", default=False)
    on_behalf = models.BooleanField("由工作人员代填", default=False)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_comment = models.TextField("退回意见", blank=True)
    accepted_at = models.DateTimeField("采纳时间", null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessment_changes = models.JSONField("评估变化", default=list, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "企业填报"
        verbose_name_plural = "企业填报"
        ordering = ["campaign", "enterprise__name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "enterprise"], name="submission_campaign_enterprise")
        ]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self):
        return f"{self.campaign} · {self.enterprise}"

    def get_absolute_url(self):
        return reverse("submission_detail", args=[self.pk])


class SubmissionEvent(models.Model):
    """History of a submission: every save, submit, return and acceptance with who, when and a comment."""

    scope_enterprise_path = "submission__enterprise"

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField("原状态", max_length=20, choices=SubmissionStatus.choices)
    to_status = models.CharField("新状态", max_length=20, choices=SubmissionStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("时间", auto_now_add=True)
    comment = models.TextField("说明", blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "填报记录"
        verbose_name_plural = "填报记录"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class Evidence(models.Model):
    """A supporting document attached to a submission (audited statements, tax return pages)."""

    scope_enterprise_path = "submission__enterprise"

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("文件", upload_to="collection/%Y/")
    original_name = models.CharField("文件名", max_length=200)
    description = models.CharField("说明", max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "证明材料"
        verbose_name_plural = "证明材料"
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.original_name
