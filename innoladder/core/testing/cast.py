"""The fixed cast every scoping test uses (STYLE.md): officer, agency, enterprise A and B, auditor..."""

import datetime as dt
from dataclasses import dataclass

from innoladder.accounts.choices import Role
from innoladder.enterprises.models import Region

from .access import SIGNED_IN
from .factories import AgencyFactory, AssignmentFactory, EnterpriseFactory, ParkFactory, UserFactory

PASSWORD = "Passw0rd!x"
# The administrator duties' users of the cast (see its fields), as admins() gives them.
ADMIN_DUTIES = ("sysadmin", "secadmin", "secadmin2", "auditadmin")


@dataclass
class Cast:
    park: object
    other_park: object
    ent_a: object
    ent_b: object
    ent_other_park: object
    admin: object
    officer: object
    other_officer: object
    agency: object
    expired_agency: object
    user_a: object
    user_b: object
    auditor: object
    # 区域管理人员 of the region of `park` (海西州); `other_park` lies in another region (海东市).
    regional: object = None
    region: object = None
    # 三权分立: the three administrator duties (two security administrators for the two-person rule).
    # Not in users(): they see no business data at all (tested in accounts/tests/test_duties.py).
    sysadmin: object = None
    secadmin: object = None
    secadmin2: object = None
    auditadmin: object = None

    def admins(self) -> dict:
        return {name: getattr(self, name) for name in ADMIN_DUTIES}

    def users(self) -> dict:
        """Anonymous, the signed-in users and the regional officer, by name."""
        return {"anonymous": None, **{name: getattr(self, name) for name in (*SIGNED_IN, "regional")}}


def build_cast() -> Cast:
    province = Region.objects.create(name="青海省", level=Region.Level.PROVINCE, division_code="630000")
    region = Region.objects.create(
        name="海西蒙古族藏族自治州", level=Region.Level.PREFECTURE, division_code="632800", parent=province
    )
    other_region = Region.objects.create(
        name="海东市", level=Region.Level.PREFECTURE, division_code="630200", parent=province
    )
    park = ParkFactory(name="格尔木工业园", region=region)
    other_park = ParkFactory(name="德令哈工业园", region=other_region)
    ent_a = EnterpriseFactory(park=park, name="企业甲有限公司")
    ent_b = EnterpriseFactory(park=park, name="企业乙有限公司")
    ent_other = EnterpriseFactory(park=other_park, name="外园企业有限公司")
    agency_org = AgencyFactory(name="服务机构甲")
    AssignmentFactory(agency=agency_org, enterprise=ent_a, starts_on=dt.date(2020, 1, 1))
    expired_org = AgencyFactory(name="服务机构乙")
    AssignmentFactory(
        agency=expired_org, enterprise=ent_a, starts_on=dt.date(2020, 1, 1), ends_on=dt.date(2021, 12, 31)
    )
    officer = UserFactory(username="officer", role=Role.OFFICER)
    officer.parks.add(park)
    other_officer = UserFactory(username="other_officer", role=Role.OFFICER)
    other_officer.parks.add(other_park)
    auditor = UserFactory(username="auditor", role=Role.AUDITOR)
    auditor.parks.add(park)
    return Cast(
        park=park,
        other_park=other_park,
        ent_a=ent_a,
        ent_b=ent_b,
        ent_other_park=ent_other,
        admin=UserFactory(username="admin", role=Role.ADMIN, is_staff=True),
        officer=officer,
        other_officer=other_officer,
        agency=UserFactory(username="agency", role=Role.AGENCY, agency=agency_org),
        expired_agency=UserFactory(username="expired_agency", role=Role.AGENCY, agency=expired_org),
        user_a=UserFactory(username="user_a", role=Role.ENTERPRISE, enterprise=ent_a),
        user_b=UserFactory(username="user_b", role=Role.ENTERPRISE, enterprise=ent_b),
        auditor=auditor,
        regional=UserFactory(username="regional", role=Role.REGIONAL, region=region),
        region=region,
        sysadmin=UserFactory(username="sysadmin", role=Role.SYSADMIN),
        secadmin=UserFactory(username="secadmin", role=Role.SECADMIN),
        secadmin2=UserFactory(username="secadmin2", role=Role.SECADMIN),
        auditadmin=UserFactory(username="auditadmin", role=Role.AUDITADMIN),
    )
