import datetime as dt

import factory

from innoladder.core.testing.factories import EnterpriseFactory, ParkFactory
from innoladder.recognitions import choices as c
from innoladder.recognitions.models import Application, Batch, Recognition


class BatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Batch

    park = factory.SubFactory(ParkFactory)
    name = factory.Sequence(lambda n: f"2023年测试批次{n}")
    scheme = c.Scheme.INNOVATIVE_SME
    level = c.RecognitionLevel.PROVINCIAL
    year = 2023
    opens_on = dt.date(2023, 2, 1)
    closes_on = dt.date(2023, 3, 15)


class RecognitionFactory(factory.django.DjangoModelFactory):
    """valid_until must be given explicitly so tests state the dates they rely on."""

    class Meta:
        model = Recognition

    enterprise = factory.SubFactory(EnterpriseFactory)
    scheme = c.Scheme.HNTE
    level = c.RecognitionLevel.NATIONAL
    number = factory.Sequence(lambda n: f"GR2023630{n:05d}")
    issued_on = dt.date(2023, 12, 1)
    valid_until = dt.date(2026, 11, 30)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    enterprise = factory.SubFactory(EnterpriseFactory)
    batch = factory.SubFactory(BatchFactory, park=factory.SelfAttribute("..enterprise.park"))
    started_on = dt.date(2023, 2, 6)
