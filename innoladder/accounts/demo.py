"""Demo logins, one per role; the password is printed by `make demo` and is for the demo only.

The administrator and auditor roles must enrol a phone authenticator (TOTP) at their first login.
"""

import datetime as dt

from innoladder.enterprises.models import Enterprise, Park, Region

from .choices import Role
from .models import AgencyAssignment, ServiceAgency, User

DEMO_PASSWORD = "Golmud#2023demo"
DEMO_USERS = (
    ("admin", "园区管理员（全部园区业务）", Role.ADMIN),
    ("officer", "王科长（园区科技局）", Role.OFFICER),
    ("agency", "李顾问（服务机构）", Role.AGENCY),
    ("enterprise", "张经理（蓝科锂业）", Role.ENTERPRISE),
    ("auditor", "赵审计", Role.AUDITOR),
    # 德令哈工业园's officer, and the 海西州 regional officer who reads both parks (issue 22).
    ("delingha", "马科长（德令哈工业园）", Role.OFFICER),
    ("regional", "韩处长（海西州科技局）", Role.REGIONAL),
    # 三权分立: one login per administrator duty; two security administrators for the two-person rule.
    ("sysadmin", "系统管理员（系统配置）", Role.SYSADMIN),
    ("secadmin", "安全管理员（账户与权限）", Role.SECADMIN),
    ("secadmin2", "安全管理员（复核）", Role.SECADMIN),
    ("auditadmin", "审计管理员（审计日志）", Role.AUDITADMIN),
)


def load() -> None:
    golmud = Park.objects.get(name="格尔木工业园")
    delingha = Park.objects.filter(name="德令哈工业园").first()
    haixi = Region.objects.filter(name="海西蒙古族藏族自治州").first()
    agency, _ = ServiceAgency.objects.get_or_create(
        name="青海科创咨询服务有限公司（演示）", defaults={"contact": "李顾问", "is_demo": True}
    )
    own = Enterprise.objects.filter(park=golmud, name__contains="蓝科锂业").first()
    for username, display_name, role in DEMO_USERS:
        if User.objects.filter(username__iexact=username).exists():
            continue
        user = User(username=username, display_name=display_name, role=role)
        if role == Role.AGENCY:
            user.agency = agency
        if role == Role.ENTERPRISE:
            user.enterprise = own
        if role == Role.REGIONAL:
            if haixi is None:
                continue
            user.region = haixi
        user.set_password(DEMO_PASSWORD)
        user.save()
        if role in (Role.OFFICER, Role.AUDITOR):
            user.parks.add(delingha if username == "delingha" and delingha else golmud)
    assigned = Enterprise.objects.filter(park=golmud).order_by("name")[:10]
    for enterprise in assigned:
        AgencyAssignment.objects.get_or_create(
            agency=agency, enterprise=enterprise, defaults={"starts_on": dt.date(2023, 1, 1)}
        )
