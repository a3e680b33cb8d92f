from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from .choices import Role


class CaseInsensitiveUserManager(UserManager):
    def get_by_natural_key(self, username):
        return self.get(username__iexact=username)

    def _create_user_object(self, username, email, password, **extra_fields):
        user = super()._create_user_object(username, email, password, **extra_fields)
        user.password_changed_at = timezone.now()  # make_password, not set_password, set it
        return user


class ServiceAgency(models.Model):
    """A third-party service agency (第三方服务机构) that works for the park on assigned enterprises."""

    name = models.CharField("机构名称", max_length=200, unique=True)
    uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)
    contact = models.CharField("联系人", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    is_demo = models.BooleanField("演示数据", default=False)

    class Meta:
        verbose_name = "服务机构"
        verbose_name_plural = "服务机构"
        ordering = ["name"]

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A person who logs in; the role and the links below decide which enterprises they may see."""

    role = models.CharField("角色", max_length=20, choices=Role.choices, default=Role.OFFICER)
    display_name = models.CharField("姓名", max_length=100, blank=True)
    parks = models.ManyToManyField(
        "enterprises.Park", blank=True, related_name="staff", verbose_name="所属园区"
    )
    agency = models.ForeignKey(
        ServiceAgency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name="服务机构",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name="所属企业",
    )
    failed_login_count = models.PositiveIntegerField("连续登录失败次数", default=0)
    locked_until = models.DateTimeField("锁定至", null=True, blank=True)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)
    must_change_password = models.BooleanField(
        "下次登录须修改密码", default=False, help_text="管理员设置或重置的初始密码，用户登录后须先修改"
    )

    objects = CaseInsensitiveUserManager()

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        constraints = [
            models.UniqueConstraint(Lower("username"), name="accounts_user_username_ci_unique"),
            models.CheckConstraint(
                condition=~models.Q(role=Role.ENTERPRISE) | models.Q(enterprise__isnull=False),
                name="accounts_user_enterprise_role_has_enterprise",
            ),
            models.CheckConstraint(
                condition=~models.Q(role=Role.AGENCY) | models.Q(agency__isnull=False),
                name="accounts_user_agency_role_has_agency",
            ),
        ]

    def __str__(self):
        return self.display_name or self.username

    def set_password(self, raw_password):
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

    @property
    def role_label(self) -> str:
        return Role(self.role).label


class AgencyAssignment(models.Model):
    """An enterprise entrusted to a service agency for a period; the agency sees it only meanwhile."""

    agency = models.ForeignKey(ServiceAgency, on_delete=models.CASCADE, related_name="assignments")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="agency_assignments"
    )
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期", null=True, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "服务机构分配"
        verbose_name_plural = "服务机构分配"
        ordering = ["-starts_on"]
        indexes = [models.Index(fields=["agency", "enterprise"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="accounts_assignment_dates_ordered",
            )
        ]

    def __str__(self):
        return f"{self.agency} → {self.enterprise}"
