import datetime as dt

import factory

from innoladder.accounts.choices import Role
from innoladder.accounts.models import AgencyAssignment, ServiceAgency, User
from innoladder.enterprises.models import AnnualData, Enterprise, IPRecord, Park

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]


def make_uscc(n: int) -> str:
    """A checksum-valid code for test enterprise number n (organisation code check included)."""
    body = f"{n:08d}"
    org = sum(int(ch, 36) * w for ch, w in zip(body, [3, 7, 9, 10, 5, 8, 4, 2], strict=True))
    org_check = 11 - org % 11
    first17 = "91632801" + body + ("X" if org_check == 10 else "0" if org_check == 11 else str(org_check))
    total = sum(USCC_CHARS.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return first17 + USCC_CHARS[(31 - total % 31) % 31]


class ParkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Park
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试园区{n}")


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    uscc = factory.Sequence(lambda n: make_uscc(n + 1000))
    name = factory.Sequence(lambda n: f"测试企业{n}有限公司")
    park = factory.SubFactory(ParkFactory)
    registered_on = dt.date(2015, 3, 1)


class AnnualDataFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualData

    enterprise = factory.SubFactory(EnterpriseFactory)
    year = 2024


class IPRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IPRecord

    enterprise = factory.SubFactory(EnterpriseFactory)
    kind = "invention_patent"
    number = factory.Sequence(lambda n: f"ZL2020100{n:05d}.1")
    title = factory.Sequence(lambda n: f"一种测试方法{n}")
    granted_on = dt.date(2021, 6, 1)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceAgency

    name = factory.Sequence(lambda n: f"测试服务机构{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.OFFICER
    password = factory.PostGenerationMethodCall("set_password", "Passw0rd!x")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyAssignment

    agency = factory.SubFactory(AgencyFactory)
    enterprise = factory.SubFactory(EnterpriseFactory)
    starts_on = dt.date(2020, 1, 1)
