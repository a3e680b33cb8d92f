import datetime as dt
from decimal import Decimal

import factory

from innoladder.core.testing.factories import EnterpriseFactory
from innoladder.rnd.models import LedgerLine, RDProject


class RDProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RDProject

    enterprise = factory.SubFactory(EnterpriseFactory)
    code = factory.Sequence(lambda n: f"RD-{n:03d}")
    name = factory.Sequence(lambda n: f"研发项目{n}")
    form = "self"


class LedgerLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LedgerLine

    project = factory.SubFactory(RDProjectFactory)
    enterprise = factory.LazyAttribute(lambda o: o.project.enterprise)
    date = dt.date(2023, 3, 31)
    voucher_no = factory.Sequence(lambda n: f"记-{n:04d}")
    summary = "研发支出"
    amount = Decimal("1000.00")
    category = "personnel"


def line(project, category, amount, date=None, **kwargs):
    return LedgerLineFactory(
        project=project,
        category=category,
        amount=Decimal(amount),
        date=date or dt.date(2023, 3, 31),
        **kwargs,
    )
