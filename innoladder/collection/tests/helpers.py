"""What the collection tests share: a campaign opened on the cast's park, and one enterprise's form in it."""

import datetime as dt

from innoladder.collection import services
from innoladder.collection.models import Submission


def open_campaign(cast, fields, *, year=2024, user=None, title="", opens_on=None, deadline=None):
    """The park's filing campaign for `year`, opened by the officer (or `user`), from 1 March to 30 April
    of the year after unless told otherwise."""
    return services.campaign_open(
        user=user or cast.officer,
        park=cast.park,
        title=title or f"{year}年度填报",
        fiscal_year=year,
        fields=fields,
        opens_on=opens_on or dt.date(year + 1, 3, 1),
        deadline=deadline or dt.date(year + 1, 4, 30),
    )


def submission(campaign, enterprise) -> Submission:
    return Submission.objects.get(campaign=campaign, enterprise=enterprise)
