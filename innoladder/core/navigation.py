"""The main menu: modules in the order a bureau works; entries whose pages are not built yet are hidden."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from innoladder.accounts.choices import Role
from innoladder.accounts.roles import DUTY_ROLES

# The three administrator duties see only their own screens (三权分立), not the business modules.
ALL = frozenset(Role.values) - DUTY_ROLES
STAFF = frozenset({Role.ADMIN, Role.OFFICER, Role.AUDITOR, Role.AGENCY})
BUREAU = frozenset({Role.ADMIN, Role.OFFICER, Role.AUDITOR})

MENU = (
    (_("首页"), "home", ALL),
    (_("企业档案"), "enterprise_list", ALL),
    (_("评估与候选"), "candidate_list", STAFF),
    (_("资质认定"), "recognition_list", ALL),
    (_("申报批次"), "batch_list", STAFF),
    (_("保存量日历"), "obligation_list", ALL),
    (_("梯度培育"), "pipeline", BUREAU),
    (_("认定标准"), "tier_list", STAFF),
    (_("研发费用"), "rnd_home", ALL),
    (_("服务工作"), "services_home", STAFF),
    (_("年度填报"), "campaign_list", ALL),
    (_("数据导入"), "import_home", ALL),
    (_("统计报表"), "reports_home", BUREAU),
    (_("政策计算器"), "calculator", ALL),
    (_("系统配置"), "admin:index", frozenset({Role.SYSADMIN, Role.ADMIN})),
    (_("账户管理"), "account_user_list", frozenset({Role.SECADMIN})),
    (_("待复核申请"), "account_approval_list", frozenset({Role.SECADMIN})),
    (_("审计日志"), "audit_list", frozenset({Role.AUDITADMIN, Role.AUDITOR})),
)


def menu_for(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    items = []
    for label, url_name, roles in MENU:
        if user.role not in roles:
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append({"label": label, "url": url, "name": url_name})
    return items
