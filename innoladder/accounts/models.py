from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

from innoladder.core.models import dates_in_order, optional_fk, unique_key

from .choices import RequestKind, RequestStatus, Role
from .roles import DUTY_ROLES


class CaseInsensitiveUserManager(UserManager):
    def get_by_natural_key(self, username):
        return self.get(username__iexact=username)

    def _create_user_object(self, username, email, password, **extra_fields):
        user = super()._create_user_object(username, email, password, **extra_fields)
        user.password_changed_at = timezone.now()  # make_password, not set_password, set it
        return user


class ServiceAgency(models.Model):
    """A third-party service agency (第三方服务机构) that works for the park on assigned enterprises."""

    name = models.CharField(_("机构名称"), max_length=200, unique=True)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    contact = models.CharField(_("联系人"), max_length=100, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("服务机构")
        ordering = ["name"]

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A person who logs in; the role and the links below decide which enterprises they may see."""

    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.OFFICER)
    display_name = models.CharField(_("姓名"), max_length=100, blank=True)
    parks = models.ManyToManyField(
        "enterprises.Park", blank=True, related_name="staff", verbose_name=_("所属园区")
    )
    agency = optional_fk(ServiceAgency, _("服务机构"), on_delete=models.PROTECT, related_name="users")
    region = optional_fk(
        "enterprises.Region",
        _("所属区域"),
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("区域管理人员查看该区域（含下级区域）内各园区的企业"),
    )
    enterprise = optional_fk(
        "enterprises.Enterprise", _("所属企业"), on_delete=models.PROTECT, related_name="users"
    )
    failed_login_count = models.PositiveIntegerField(_("连续登录失败次数"), default=0)
    locked_until = models.DateTimeField(_("锁定至"), null=True, blank=True)
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True)
    must_change_password = models.BooleanField(
        _("下次登录须修改密码"), default=False, help_text=_("管理员设置或重置的初始密码，用户登录后须先修改")
    )
    # Kept with the devices (accounts.mfa) so that a request of an account without a second factor needs
    # no query to know it; the devices themselves decide every verification.
    mfa_enrolled = models.BooleanField(_("已绑定双因素认证"), default=False)

    objects = CaseInsensitiveUserManager()

    class Meta:
        verbose_name = verbose_name_plural = _("用户")
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
            models.CheckConstraint(
                condition=~models.Q(role=Role.REGIONAL) | models.Q(region__isnull=False),
                name="accounts_user_regional_role_has_region",
            ),
            # 三权分立: a superuser would hold every duty at once; each account holds its one role only.
            models.CheckConstraint(condition=models.Q(is_superuser=False), name="accounts_user_no_superuser"),
            models.CheckConstraint(
                condition=~models.Q(role__in=DUTY_ROLES)
                | models.Q(agency__isnull=True, enterprise__isnull=True),
                name="accounts_user_duty_role_has_no_business_link",
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
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("服务机构分配")
        ordering = ["-starts_on"]
        indexes = [models.Index(fields=["agency", "enterprise"])]
        constraints = [
            dates_in_order(
                "starts_on", "ends_on", "accounts_assignment_dates_ordered", may_be_empty=["ends_on"]
            )
        ]

    def __str__(self):
        return f"{self.agency} → {self.enterprise}"


class PasswordHistory(models.Model):
    """Each password hash a user has had, newest last: a new password may not repeat recent ones (等保)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history")
    password_hash = models.CharField(_("密码哈希"), max_length=128)
    set_by_admin = models.BooleanField(_("管理员设置的初始密码"), default=False)
    created_at = models.DateTimeField(_("设置时间"), default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = _("历史密码")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self):
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"


class LoginFailure(models.Model):
    """One failed or refused login attempt from a source address, for the per-address limit."""

    ip = models.GenericIPAddressField(_("来源IP"), null=True, blank=True)
    at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = _("登录失败记录")
        indexes = [models.Index(fields=["ip", "at"]), models.Index(fields=["at"])]

    def __str__(self):
        return f"{self.ip} {self.at:%Y-%m-%d %H:%M:%S}"


class RecoveryCodeDevice(Device):
    """A set of one-time recovery codes, usable when the authenticator phone is lost; stored hashed only."""

    class Meta:
        verbose_name = verbose_name_plural = _("恢复码")

    def verify_token(self, token):
        from .codes import recovery_code_hash

        digest = recovery_code_hash(self.user_id, token)
        used = RecoveryCode.objects.filter(device=self, code_hash=digest, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        return used == 1


class RecoveryCode(models.Model):
    """One recovery code (its hash); a code works once."""

    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(_("恢复码哈希"), max_length=64)
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("恢复码")
        constraints = [unique_key("device", "code_hash", name="accounts_recovery_code_unique")]

    def __str__(self):
        return f"{self.device.user} {'已使用' if self.used_at else '未使用'}"


class CredentialRequest(models.Model):
    """A security administrator's request that a second one must approve (two-person rule, 等保 §8.1.5).

    Resetting a second factor, resetting a protected account's password (or one's own) and granting a
    protected role take effect only when another security administrator approves.
    """

    kind = models.CharField(_("申请类型"), max_length=20, choices=RequestKind.choices)
    target = models.ForeignKey(User, on_delete=models.PROTECT, related_name="credential_requests")
    new_role = models.CharField(_("申请角色"), max_length=20, choices=Role.choices, blank=True)
    # The administrator-set password to apply on approval, already hashed; cleared once decided.
    password_hash = models.CharField(_("新密码哈希"), max_length=128, blank=True)
    reason = models.CharField(_("理由"), max_length=300)
    status = models.CharField(
        _("状态"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    requested_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("申请人")
    )
    requested_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    decided_by = optional_fk(User, _("复核人"), on_delete=models.PROTECT)
    decided_at = models.DateTimeField(_("复核时间"), null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("凭据与角色复核申请")
        ordering = ["-requested_at", "-id"]
        constraints = [
            # The second person is never the first, nor the account concerned.
            models.CheckConstraint(
                condition=models.Q(decided_by__isnull=True) | ~models.Q(decided_by=models.F("requested_by")),
                name="accounts_request_decided_by_other",
            ),
            models.CheckConstraint(
                condition=models.Q(decided_by__isnull=True) | ~models.Q(decided_by=models.F("target")),
                name="accounts_request_not_decided_by_target",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=RequestKind.ROLE_GRANT) | ~models.Q(new_role=""),
                name="accounts_request_role_grant_has_role",
            ),
            models.UniqueConstraint(
                fields=["target", "kind"],
                condition=models.Q(status=RequestStatus.PENDING),
                name="accounts_request_one_pending_per_kind",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.target}"
