import datetime as dt
from decimal import Decimal

import factory

from innoladder.core.testing.factories import EnterpriseFactory, ParkFactory
from innoladder.funding import choices as c
from innoladder.funding.models import FundApplication, Programme


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    park = factory.SubFactory(ParkFactory)
    year = 2023
    kind = c.ProgrammeKind.FACTOR
    name = factory.Sequence(lambda n: f"生产要素保障资金{n}")


class FundApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundApplication

    enterprise = factory.SubFactory(EnterpriseFactory)
    programme = factory.SubFactory(ProgrammeFactory, park=factory.SelfAttribute("..enterprise.park"))
    title = factory.Sequence(lambda n: f"申报事项{n}")
    requested_amount = Decimal("500000")
    applied_on = dt.date(2023, 3, 1)
