"""What the policies tests share: a park's municipal policy, spring campaign and training event, opened by
its officer, and the rows that enterprises get in them."""

import datetime as dt

from innoladder.policies import services


def municipal_policy(cast, title, issuer="科技局", issued_on=dt.date(2023, 1, 1), **fields):
    return services.policy_create(
        user=cast.officer,
        park=cast.park,
        title=title,
        issuer=issuer,
        issued_on=issued_on,
        level="municipal",
        **fields,
    )


def spring_campaign(
    cast, title="助企暖企春风行动", starts_on=dt.date(2023, 3, 1), ends_on=dt.date(2023, 5, 31)
):
    return services.campaign_create(
        user=cast.officer, park=cast.park, title=title, starts_on=starts_on, ends_on=ends_on
    )


def reach(cast, campaign, enterprise, reached_on, channel="visit"):
    return services.campaign_reach_add(
        user=cast.officer, campaign=campaign, enterprise=enterprise, reached_on=reached_on, channel=channel
    )


def training_event(cast, title="省专精特新企业高级管理专题培训班"):
    return services.training_create(
        user=cast.officer,
        park=cast.park,
        title=title,
        organiser="青海省工业和信息化厅",
        place="西宁",
        starts_on=dt.date(2023, 6, 30),
        ends_on=dt.date(2023, 7, 3),
    )


def enrol(cast, event, enterprise, *attendees):
    return services.training_enrol(
        user=cast.officer, event=event, enterprise=enterprise, attendees=list(attendees)
    )
