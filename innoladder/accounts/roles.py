"""Who holds which duty (三权分立, 等保 2.0 §8.1.4.2 d / §8.1.5) and who must use a second factor.

The three administrator duties are separate roles; an account has exactly one role (one column) and no
account is a Django superuser (a database constraint), so no account holds two duties. Each duty reaches
only its own screens (`DutySeparationMiddleware`); business data stays with the business roles.
"""

from django.conf import settings

from .choices import Role

# 系统管理员: parks, reference data and settings in the system configuration screens (/sysadmin/).
# 安全管理员: accounts, roles, credential and second-factor resets (/accounts/manage/).
# 审计管理员: reads and exports the audit log (/audit/).
DUTY_ROLES = frozenset({Role.SYSADMIN, Role.SECADMIN, Role.AUDITADMIN})

# Accounts whose credentials one security administrator may not reset alone, and roles one may not grant
# alone: the administrators, the all-parks business role, and the two audit roles.
PROTECTED_ROLES = frozenset(
    {Role.ADMIN, Role.SYSADMIN, Role.SECADMIN, Role.AUDITADMIN, Role.AUDITOR, Role.REGIONAL}
)

# A second factor is required for the administrators, the auditors and the regional officers (who read every
# park of a region); park officers when the operator says so.
MFA_ALWAYS_REQUIRED = frozenset(
    {Role.ADMIN, Role.SYSADMIN, Role.SECADMIN, Role.AUDITADMIN, Role.AUDITOR, Role.REGIONAL}
)

# Roles that may open the system configuration screens, and what each may do there (app_label.model).
SYSTEM_CONFIG_GRANTS = {
    Role.SYSADMIN: {
        "enterprises.park": ("view", "add", "change"),
        "enterprises.region": ("view", "add", "change"),
        "recognitions.schemerule": ("view", "change"),
        "services.requestcategory": ("view", "add", "change"),
        "accounts.serviceagency": ("view", "add", "change"),
    },
    # Which agency serves which enterprise is park business, kept with the all-parks business role.
    Role.ADMIN: {
        "accounts.agencyassignment": ("view", "add", "change", "delete"),
    },
}


def mfa_required_roles() -> frozenset[str]:
    if settings.MFA_REQUIRED_FOR_OFFICERS:
        return MFA_ALWAYS_REQUIRED | {Role.OFFICER}
    return MFA_ALWAYS_REQUIRED


def mfa_required(user) -> bool:
    return user.is_authenticated and user.role in mfa_required_roles()


def is_duty_admin(user) -> bool:
    return user.is_authenticated and user.role in DUTY_ROLES


def can_manage_accounts(user) -> bool:
    return user.is_authenticated and user.is_active and user.role == Role.SECADMIN


def can_read_audit_log(user) -> bool:
    """Only the 审计管理员 reads the audit log (the audit screens should ask this)."""
    return user.is_authenticated and user.is_active and user.role == Role.AUDITADMIN


def config_permissions(user) -> set[str]:
    """Django permission names ("app.action_model") the user's role grants in the configuration screens."""
    if not user.is_authenticated or not user.is_active:
        return set()
    grants = SYSTEM_CONFIG_GRANTS.get(user.role, {})
    perms = set()
    for label, actions in grants.items():
        app_label, model = label.split(".")
        perms.update(f"{app_label}.{action}_{model}" for action in actions)
    return perms
