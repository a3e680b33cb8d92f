from django.db import models
from django.utils.translation import gettext_lazy as _

from innoladder.core.models import OPTIONAL_MONEY, detail_url, optional_fk, unique_key
from innoladder.enterprises.choices import IPKind
from innoladder.enterprises.models import EnterpriseChild, enterprise_fk

from .choices import CooperationKind, IntroductionMode, TalentCategory, TalentStatus


class Cooperation(EnterpriseChild):
    """An industry–university–research cooperation project (产学研合作) of an enterprise."""

    enterprise = enterprise_fk("cooperations", _("企业"))
    partner = models.CharField(_("合作高校/院所"), max_length=200)
    title = models.CharField(_("合作项目名称"), max_length=300)
    kind = models.CharField(_("合作方式"), max_length=20, choices=CooperationKind.choices)
    amount = models.DecimalField(_("合同金额(元)"), **OPTIONAL_MONEY)
    signed_on = models.DateField(_("签订日期"))
    ends_on = models.DateField(_("结束日期"), null=True, blank=True)
    outcome = models.TextField(_("合作成果"), blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("产学研合作")
        ordering = ["-signed_on", "-id"]
        indexes = [models.Index(fields=["signed_on"])]

    def __str__(self):
        return self.title

    get_absolute_url = detail_url("cooperation_detail")


class PatentIntroduction(EnterpriseChild):
    """A patent transferred or licensed in (专利引进); also kept as the enterprise's IP record."""

    enterprise = enterprise_fk("patent_introductions", _("引进企业"))
    patent_number = models.CharField(_("专利号"), max_length=60)
    title = models.CharField(_("专利名称"), max_length=300)
    kind = models.CharField(
        _("专利类型"), max_length=30, choices=IPKind.choices, default=IPKind.INVENTION_PATENT
    )
    mode = models.CharField(_("引进方式"), max_length=20, choices=IntroductionMode.choices)
    source = models.CharField(_("转让/许可方"), max_length=200)
    introduced_on = models.DateField(_("引进日期"))
    amount = models.DecimalField(_("金额(元)"), **OPTIONAL_MONEY)
    ip_record = optional_fk("enterprises.IPRecord")
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("专利引进")
        ordering = ["-introduced_on", "-id"]
        constraints = [unique_key("enterprise", "patent_number", name="patentintro_enterprise_number")]

    def __str__(self):
        return f"{self.patent_number} {self.title}"

    get_absolute_url = detail_url("patent_detail")


class Talent(EnterpriseChild):
    """A talent (人才) reserved or recognised at an enterprise — minimum personal data.

    The ID number is never stored: only a keyed hash (for de-duplication) and its last 4 characters.
    """

    enterprise = enterprise_fk("talents", _("企业"))
    name = models.CharField(_("姓名"), max_length=50)
    category = models.CharField(_("人才类别"), max_length=30, choices=TalentCategory.choices)
    field = models.CharField(_("专业领域"), max_length=100, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=TalentStatus.choices, default=TalentStatus.RESERVED
    )
    recorded_on = models.DateField(_("入库/认定日期"))
    id_hash = models.CharField(_("身份证号摘要"), max_length=64, blank=True, editable=False)
    id_last4 = models.CharField(_("身份证号后四位"), max_length=4, blank=True, editable=False)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("人才")
        ordering = ["-recorded_on", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["id_hash"], condition=~models.Q(id_hash=""), name="talent_id_hash_unique"
            )
        ]

    def __str__(self):
        return self.name

    get_absolute_url = detail_url("talent_detail")

    @property
    def year(self) -> int:
        return self.recorded_on.year

    @property
    def id_display(self) -> str:
        return f"**************{self.id_last4}" if self.id_last4 else ""
