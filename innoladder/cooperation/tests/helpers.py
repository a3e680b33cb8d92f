"""What the cooperation tests (and other apps' tests needing a cooperation row) share: a cooperation
project, a patent introduction and a talent recorded through the app's services, with fixed details a
test overrides where it matters."""

import datetime as dt
from decimal import Decimal

from innoladder.cooperation import services

ID_NUMBER = "11010519491231002X"  # the GB 11643 specimen number, check character X


def coop(user, enterprise, on=dt.date(2023, 3, 1), **kw):
    return services.cooperation_create(
        user=user,
        enterprise=enterprise,
        partner=kw.pop("partner", "武汉工程大学"),
        title=kw.pop("title", "卤水提锂合作研发"),
        kind="joint",
        amount=Decimal("300000"),
        signed_on=on,
        **kw,
    )


def patent(user, enterprise, number="ZL202010000001.1", on=dt.date(2023, 4, 1)):
    return services.patent_introduction_create(
        user=user,
        enterprise=enterprise,
        patent_number=number,
        title="一种氯化镁提纯方法",
        kind="invention_patent",
        mode="transfer",
        source="青海大学",
        introduced_on=on,
        amount=Decimal("80000"),
    )


def talent(user, enterprise, on=dt.date(2023, 5, 1), id_number="", name="张工", **fields):
    details = {"category": "leading", "field": "无机化工", "status": "reserved", **fields}
    return services.talent_create(
        user=user, enterprise=enterprise, name=name, recorded_on=on, id_number=id_number, **details
    )
