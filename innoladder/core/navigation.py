"""The main menu: a few groups in the order a bureau works, each a drop-down; entries whose pages are not
built yet are hidden, and a group with one entry left is a plain link. Seven top-level items fit a
1366 px screen in Chinese and in English (tested in core/tests/test_layout_browser.py)."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from innoladder.accounts.choices import Role
from innoladder.accounts.roles import DUTY_ROLES

# The three administrator duties see only their own screens (三权分立), not the business modules.
ALL = frozenset(Role.values) - DUTY_ROLES
STAFF = ALL - {Role.ENTERPRISE}
BUREAU = STAFF - {Role.AGENCY}

MENU = (
    (_("首页"), (("", "home", ALL),)),
    (
        _("企业"),
        (
            (_("企业档案"), "enterprise_list", ALL),
            (_("年度填报"), "campaign_list", ALL),
            (_("数据导入"), "import_home", ALL - {Role.REGIONAL}),
            (_("数据交换"), "exchange_home", ALL),
        ),
    ),
    (
        _("培育"),
        (
            (_("评估与候选"), "candidate_list", STAFF),
            (_("梯度培育"), "pipeline", BUREAU),
            (_("认定标准"), "tier_list", STAFF),
            (_("政策计算器"), "calculator", ALL),
        ),
    ),
    (
        _("认定"),
        (
            (_("资质认定"), "recognition_list", ALL),
            (_("申报批次"), "batch_list", STAFF),
            (_("保存量日历"), "obligation_list", ALL),
        ),
    ),
    (
        _("服务"),
        (
            (_("服务工作"), "services_home", STAFF),
            (_("走访记录"), "visit_list", STAFF),
            (_("企业诉求"), "request_list", STAFF),
            (_("科技计划项目"), "project_list", STAFF),
            (_("产学研合作"), "cooperation_list", STAFF),
            (_("扶持资金与创新券"), "fund_list", STAFF),
            (_("技术合同登记"), "contract_list", STAFF),
            (_("政策库"), "policy_list", STAFF),
            (_("研发费用"), "rnd_home", ALL),
        ),
    ),
    (_("统计报表"), (("", "reports_home", BUREAU),)),
    (
        _("管理"),
        (
            (_("系统配置"), "admin:index", frozenset({Role.SYSADMIN, Role.ADMIN})),
            (_("账户管理"), "account_user_list", frozenset({Role.SECADMIN})),
            (_("待复核申请"), "account_approval_list", frozenset({Role.SECADMIN})),
            (_("审计日志"), "audit_list", frozenset({Role.AUDITADMIN, Role.AUDITOR})),
        ),
    ),
)


def menu_for(user) -> list[dict]:
    """The user's menu: groups of {"label", "url", "name"} entries; a group of one is shown as a link."""
    if not user.is_authenticated:
        return []
    groups = []
    for group_label, entries in MENU:
        items = []
        for label, url_name, roles in entries:
            if user.role not in roles:
                continue
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                continue
            items.append({"label": label or group_label, "url": url, "name": url_name})
        if items:
            groups.append({"label": group_label, "items": items, "names": {item["name"] for item in items}})
    return groups
