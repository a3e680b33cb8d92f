from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from innoladder.core.labels import Labels
from innoladder.core.models import OPTIONAL_MONEY, Tracked, detail_url, optional_fk, unique_key
from innoladder.core.scoping import ScopedQuerySet

from . import choices as c

# Record names read their labels once per language (the work report names tens of thousands of records).
IP_KIND_LABEL, INCIDENT_KIND_LABEL = Labels(c.IPKind.choices), Labels(c.IncidentKind.choices)


def mask_phone(phone: str) -> str:
    """Hide the middle of a phone number in lists: 13812345678 → 138****5678."""
    digits = phone.strip()
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "****" + digits[-4:]


class Region(models.Model):
    """An administrative region above the parks (省, 市/州): the unit a regional officer reads and a region's
    reports and dashboards add up. A 市州 sits in its 省 (`parent`); a park sits in one region."""

    class Level(models.TextChoices):
        PROVINCE = "province", "省"
        PREFECTURE = "prefecture", "市州"

    name = models.CharField(_("区域名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    level = models.CharField(_("层级"), max_length=20, choices=Level.choices)
    division_code = models.CharField(_("行政区划代码"), max_length=6, unique=True)
    parent = optional_fk("self", _("上级区域"), on_delete=models.PROTECT, related_name="children")
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("区域")
        ordering = ["division_code"]
        constraints = [
            # A province has no parent region; a 市州 has one (its province).
            models.CheckConstraint(
                condition=models.Q(level="province", parent__isnull=True)
                | models.Q(level="prefecture", parent__isnull=False),
                name="region_level_parent",
            )
        ]

    def __str__(self):
        return self.name

    def region_ids(self) -> list[int]:
        """This region and every region below it (a province's 市州), read level by level."""
        found, level = [self.pk], [self.pk]
        while level:
            level = list(Region.objects.filter(parent_id__in=level).values_list("pk", flat=True))
            found += level
        return found

    @property
    def park_ids(self) -> tuple[int, ...]:
        """The parks of this region and its sub-regions: what a region's figures add up (see `park_q`)."""
        cached = self.__dict__.get("_park_ids")
        if cached is None:
            ids = (
                Park.objects.filter(region_id__in=self.region_ids())
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            cached = self.__dict__["_park_ids"] = tuple(ids)
        return cached


def park_q(path: str, scope) -> models.Q:
    """Rows whose park (at `path`, e.g. "enterprise__park") is in `scope`: a Park, or a Region (its parks).

    Reports, dashboards and statistics take a park or a region; a region's figures are then its parks'
    figures added up, because every count filters by this one condition."""
    ids = getattr(scope, "park_ids", None)
    if ids is None:
        return models.Q(**{path: scope})
    return models.Q(**{f"{path}__in": ids})


def in_park(queryset, scope, path: str = "enterprise__park"):
    """`queryset` narrowed to the park scope `scope` (see `park_q`); unchanged when no scope is chosen."""
    return queryset if scope is None else queryset.filter(park_q(path, scope))


def scope_park_ids(scope) -> tuple[int, ...]:
    """The ids of the parks a scope (a Park or a Region) counts."""
    ids = getattr(scope, "park_ids", None)
    return (scope.pk,) if ids is None else ids


class Park(models.Model):
    """An industrial park (园区); every enterprise belongs to one, officers work for one or more."""

    name = models.CharField(_("园区名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    province = models.CharField(_("省份"), max_length=20, default="青海省")
    division_code = models.CharField(_("行政区划代码"), max_length=6, blank=True)
    sub_zones = models.JSONField(_("分区"), default=list, blank=True)
    region = optional_fk(
        Region,
        _("所属区域"),
        on_delete=models.PROTECT,
        related_name="parks",
        help_text=_("所在市州（区域管理人员按区域查看其下各园区）"),
    )
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("园区")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Enterprise(Tracked):
    """One enterprise's file (一企一档), keyed by its 统一社会信用代码."""

    scope_enterprise_path = ""

    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    uscc_override_reason = models.CharField(_("校验未通过的确认理由"), max_length=200, blank=True)
    name = models.CharField(_("企业名称"), max_length=200)
    former_names = models.JSONField(_("曾用名"), default=list, blank=True)
    # Plain-text copies of the JSON lists, kept by the services: JSON text is escaped differently on
    # SQLite and PostgreSQL, so searching and tag filtering use these portable columns instead.
    former_names_text = models.CharField(_("曾用名(检索)"), max_length=500, blank=True, editable=False)
    legal_representative = models.CharField(_("法定代表人"), max_length=50, blank=True)
    registered_on = models.DateField(_("成立日期"), null=True, blank=True)
    registered_capital = models.DecimalField(_("注册资本(元)"), **OPTIONAL_MONEY)
    address = models.CharField(_("注册地址"), max_length=300, blank=True)
    park = models.ForeignKey(
        Park, on_delete=models.PROTECT, related_name="enterprises", verbose_name=_("所属园区")
    )
    sub_zone = models.CharField(_("园区分区"), max_length=100, blank=True)
    industry_code = models.CharField(_("行业代码(GB/T 4754-2017)"), max_length=5, blank=True)
    industry_name = models.CharField(_("行业名称"), max_length=100, blank=True)
    tech_field = models.CharField(
        _("国家重点支持的高新技术领域"), max_length=2, choices=c.TechField.choices, blank=True
    )
    tech_subfield = models.CharField(_("技术领域子类"), max_length=100, blank=True)
    strategic_emerging = models.BooleanField(_("战略性新兴产业"), null=True, blank=True)
    main_products = models.TextField(_("主要产品(服务)"), blank=True)
    niche_market_since = models.IntegerField(_("进入细分市场年份"), null=True, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    contact_email = models.EmailField(_("电子邮箱"), blank=True)
    size_class = models.CharField(_("企业规模"), max_length=10, choices=c.SizeClass.choices, blank=True)
    tags = models.JSONField(_("标签"), default=list, blank=True)
    tags_text = models.CharField(_("标签(检索)"), max_length=500, blank=True, editable=False)
    pool = models.CharField(_("培育库"), max_length=20, choices=c.Pool.choices, blank=True, default="")
    assigned_officer = optional_fk(
        settings.AUTH_USER_MODEL, _("联系干部"), related_name="assigned_enterprises"
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=c.EnterpriseStatus.choices, default=c.EnterpriseStatus.ACTIVE
    )
    status_changed_on = models.DateField(_("状态变更日期"), null=True, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("企业")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["park", "status", "name"]),
            models.Index(fields=["park", "pool"]),
            models.Index(fields=["park", "tech_field"]),
            models.Index(fields=["park", "industry_code"]),
            models.Index(Lower("name"), name="enterprise_name_lower_idx"),
            # The list page sorts within a park by these columns; without them SQLite sorts every row of the
            # park in a temporary B-tree on each page view (measured with bench/bench_registry.py).
            models.Index(fields=["park", "name"], name="enterprise_park_name_idx"),
            models.Index(fields=["park", "registered_on"], name="enterprise_park_registered_idx"),
            models.Index(fields=["park", "updated_at"], name="enterprise_park_updated_idx"),
            models.Index(fields=["park", "size_class"], name="enterprise_park_size_idx"),
            # Covering indexes: text search and tag filters scan these instead of whole rows.
            models.Index(
                fields=["park", "status", "name", "former_names_text", "uscc"], name="enterprise_search_idx"
            ),
            models.Index(fields=["park", "tags_text"], name="enterprise_park_tags_idx"),
            # The most used filters, walked in the default (name) order for one page.
            models.Index(fields=["park", "pool", "name"], name="enterprise_park_pool_name_idx"),
            models.Index(fields=["park", "tech_field", "name"], name="enterprise_park_field_name_idx"),
            # Counting a filtered page reads only this index, never the wide rows.
            models.Index(
                fields=[
                    "park",
                    "status",
                    "pool",
                    "tech_field",
                    "industry_code",
                    "sub_zone",
                    "assigned_officer",
                ],
                name="enterprise_filter_idx",
            ),
        ]

    def __str__(self):
        return self.name

    get_absolute_url = detail_url("enterprise_detail")

    @property
    def contact_phone_masked(self) -> str:
        return mask_phone(self.contact_phone)


def enterprise_fk(related_name: str, verbose_name=None, *, on_delete=models.CASCADE) -> models.ForeignKey:
    """The enterprise a record belongs to (and is scoped through): deleted with it unless `on_delete`
    says otherwise. Declares the same field as spelling the arguments out (no migration)."""
    return models.ForeignKey(
        Enterprise, on_delete=on_delete, related_name=related_name, verbose_name=verbose_name
    )


class EnterpriseChild(Tracked):
    """Base for records that belong to one enterprise and are scoped through it."""

    scope_enterprise_path = "enterprise"

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True


class EnterpriseByYear(EnterpriseChild):
    """Base for an enterprise's records of a year (a `year` field), listed newest year first."""

    class Meta:
        abstract = True
        ordering = ["enterprise", "-year"]


class EnterpriseYear(EnterpriseByYear):
    """Base for a record an enterprise has once a year: newest year first, one a year."""

    class Meta(EnterpriseByYear.Meta):
        abstract = True
        constraints = [unique_key("enterprise", "year")]


class AnnualData(EnterpriseYear):
    """One enterprise's figures for one fiscal year, with where they came from and who confirmed them."""

    enterprise = enterprise_fk("annual_data")
    year = models.PositiveSmallIntegerField(_("年度"))
    employees = models.PositiveIntegerField(_("职工总数"), null=True, blank=True)
    tech_staff = models.PositiveIntegerField(_("科技人员"), null=True, blank=True)
    rd_staff = models.PositiveIntegerField(_("研发人员"), null=True, blank=True)
    sales_revenue = models.DecimalField(_("销售收入"), **OPTIONAL_MONEY)
    main_revenue = models.DecimalField(_("主营业务收入"), **OPTIONAL_MONEY)
    operating_revenue = models.DecimalField(_("营业收入"), **OPTIONAL_MONEY)
    total_income = models.DecimalField(_("收入总额"), **OPTIONAL_MONEY)
    non_taxable_income = models.DecimalField(_("不征税收入"), **OPTIONAL_MONEY)
    hitech_revenue = models.DecimalField(_("高新技术产品(服务)收入"), **OPTIONAL_MONEY)
    rd_expense = models.DecimalField(_("研发费用"), **OPTIONAL_MONEY)
    rd_domestic = models.DecimalField(_("境内研发费用"), **OPTIONAL_MONEY)
    rd_entrusted_domestic = models.DecimalField(_("委托境内研发费用"), **OPTIONAL_MONEY)
    rd_entrusted_overseas = models.DecimalField(_("委托境外研发费用"), **OPTIONAL_MONEY)
    total_cost = models.DecimalField(_("成本费用支出总额"), **OPTIONAL_MONEY)
    total_assets = models.DecimalField(_("资产总额"), **OPTIONAL_MONEY)
    total_liabilities = models.DecimalField(_("负债总额"), **OPTIONAL_MONEY)
    net_assets = models.DecimalField(_("净资产"), **OPTIONAL_MONEY)
    net_profit = models.DecimalField(_("净利润"), **OPTIONAL_MONEY)
    taxes_paid = models.DecimalField(_("上缴税金"), **OPTIONAL_MONEY)
    export_value = models.DecimalField(_("出口额"), **OPTIONAL_MONEY)
    equity_financing = models.DecimalField(_("股权融资"), **OPTIONAL_MONEY)
    tech_conversions = models.PositiveIntegerField(_("技术成果转化数"), null=True, blank=True)
    source = models.CharField(
        _("数据来源"), max_length=20, choices=c.DataSource.choices, default=c.DataSource.MANUAL
    )
    source_note = models.CharField(_("来源说明"), max_length=200, blank=True)
    confirmed_by = optional_fk(settings.AUTH_USER_MODEL)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)

    class Meta(EnterpriseYear.Meta):
        verbose_name = verbose_name_plural = _("年度数据")

    def __str__(self):
        return f"{self.enterprise} {self.year}年度"


class IPRecord(EnterpriseChild):
    """An intellectual-property right held by the enterprise."""

    enterprise = enterprise_fk("ip_records")
    kind = models.CharField(_("类型"), max_length=30, choices=c.IPKind.choices)
    number = models.CharField(_("编号"), max_length=60)
    title = models.CharField(_("名称"), max_length=300)
    applied_on = models.DateField(_("申请日"), null=True, blank=True)
    granted_on = models.DateField(_("授权日"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=c.IPStatus.choices, default=c.IPStatus.VALID)
    expires_on = models.DateField(_("到期日"), null=True, blank=True)
    acquisition = models.CharField(
        _("获得方式"), max_length=20, choices=c.IPAcquisition.choices, default=c.IPAcquisition.SELF
    )
    transferred_on = models.DateField(_("受让日期"), null=True, blank=True)
    overseas_family = models.BooleanField(_("有海外同族专利"), default=False)
    pledge_financing = models.BooleanField(_("质押融资"), default=False)
    award_winning = models.BooleanField(_("获国家科技奖或中国专利奖"), default=False)
    core_to_main_product = models.BooleanField(_("对主要产品起核心支持作用"), default=False)
    used_in_hnte_application = models.BooleanField(_("已用于高企申报"), default=False)
    used_in_note = models.CharField(_("使用记录"), max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("知识产权")
        ordering = ["enterprise", "-granted_on"]
        constraints = [unique_key("enterprise", "number")]

    def __str__(self):
        return f"{IP_KIND_LABEL(self.kind)} {self.number}"

    @property
    def ip_class(self) -> str:
        if self.kind in c.CLASS_I_KINDS:
            return "Ⅰ类"
        if self.kind in c.CLASS_II_KINDS:
            return "Ⅱ类"
        return ""


def award_date_problem(year: int | None, awarded_on, today) -> str:
    """Why an award's conferral date cannot be right ("" when it can): not before the award's edition
    year (a "2022年度" award is conferred in 2022 or later) and not after today."""
    if awarded_on is None:
        return ""
    if year is not None and awarded_on.year < year:
        return f"授奖日期（{awarded_on:%Y-%m-%d}）不能早于获奖年度（{year}年）"
    if awarded_on > today:
        return f"授奖日期（{awarded_on:%Y-%m-%d}）不能晚于今天"
    return ""


class Award(EnterpriseByYear):
    """An award the enterprise won (level, edition year, date conferred and rank of the unit)."""

    enterprise = enterprise_fk("awards")
    name = models.CharField(_("奖项名称"), max_length=300)
    kind = models.CharField(
        _("类别"), max_length=20, choices=c.AwardKind.choices, default=c.AwardKind.SCI_TECH
    )
    level = models.CharField(_("级别"), max_length=20, choices=c.Level.choices)
    grade = models.CharField(_("等级"), max_length=50, blank=True)
    year = models.PositiveSmallIntegerField(_("年度"))
    # The award's edition year and the day it was conferred differ (a "2022年度" award is conferred in
    # 2023); the period report counts an award by the day it was conferred.
    awarded_on = models.DateField(_("授奖日期"), null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("完成单位排名"), null=True, blank=True)
    project = models.CharField(_("获奖项目"), max_length=300, blank=True)

    class Meta(EnterpriseByYear.Meta):
        verbose_name = verbose_name_plural = _("获奖")

    def __str__(self):
        return f"{self.year} {self.name}"


class StandardWork(EnterpriseByYear):
    """A standard the enterprise drafted or took part in."""

    enterprise = enterprise_fk("standards")
    title = models.CharField(_("标准名称"), max_length=300)
    number = models.CharField(_("标准号"), max_length=60, blank=True)
    level = models.CharField(_("级别"), max_length=20, choices=c.StandardLevel.choices)
    year = models.PositiveSmallIntegerField(_("发布年度"))
    rank = models.PositiveSmallIntegerField(_("起草单位排名"), null=True, blank=True)

    class Meta(EnterpriseByYear.Meta):
        verbose_name = verbose_name_plural = _("参与标准")

    def __str__(self):
        return self.title


class RDInstitution(EnterpriseByYear):
    """An R&D institution (研发机构) of the enterprise, with its level and approving body."""

    enterprise = enterprise_fk("institutions")
    name = models.CharField(_("机构名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=30, choices=c.InstitutionKind.choices)
    level = models.CharField(_("级别"), max_length=20, choices=c.Level.choices)
    approved_by = models.CharField(_("认定部门"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("认定年度"), null=True, blank=True)

    class Meta(EnterpriseByYear.Meta):
        verbose_name = verbose_name_plural = _("研发机构")

    def __str__(self):
        return self.name


class Incident(EnterpriseChild):
    """An incident that bars recognitions (accident, violation, listing), with its dates."""

    enterprise = enterprise_fk("incidents")
    kind = models.CharField(_("类型"), max_length=30, choices=c.IncidentKind.choices)
    occurred_on = models.DateField(_("发生/列入日期"))
    removed_on = models.DateField(_("移出日期"), null=True, blank=True)
    description = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("不良记录")
        ordering = ["enterprise", "-occurred_on"]

    def __str__(self):
        return f"{INCIDENT_KIND_LABEL(self.kind)} {self.occurred_on}"

    @staticmethod
    def date_problem(occurred_on, removed_on) -> str:
        """Why a removal date cannot be right ("" when it can): not before the day of the incident or listing;
        the edit form's service and the import check it alike."""
        if occurred_on and removed_on and removed_on < occurred_on:
            return "移出日期不能早于发生/列入日期"
        return ""


class Person(EnterpriseChild):
    """A key person of the enterprise (minimum personal data)."""

    enterprise = enterprise_fk("people")
    name = models.CharField(_("姓名"), max_length=50)
    position = models.CharField(_("职务"), max_length=100, blank=True)
    phone = models.CharField(_("电话"), max_length=40, blank=True)
    is_tech_staff = models.BooleanField(_("科技人员"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("人员")
        ordering = ["enterprise", "name"]

    def __str__(self):
        return self.name

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)
