"""The policy list tells, on today's date, a policy that has ended or not yet begun from one in force."""

import datetime as dt
import re

import pytest
from freezegun import freeze_time

from .helpers import municipal_policy

pytestmark = pytest.mark.django_db


def _row(html: str, title: str) -> str:
    return re.search(rf"<tr>(?:(?!</tr>).)*{title}.*?</tr>", html, re.S).group(0)


@freeze_time("2026-12-07 10:00")
def test_policy_list_marks_ended_and_future_policies(client, cast):
    municipal_policy(cast, "已到期的政策", valid_from=dt.date(2023, 1, 1), valid_until=dt.date(2026, 12, 6))
    municipal_policy(cast, "今天到期的政策", valid_from=dt.date(2024, 1, 1), valid_until=dt.date(2026, 12, 7))
    municipal_policy(cast, "明年施行的政策", valid_from=dt.date(2027, 1, 1))
    municipal_policy(cast, "长期有效的政策")
    client.force_login(cast.officer)
    html = client.get("/policies/").content.decode()
    assert "已失效" in _row(html, "已到期的政策")
    assert "未生效" in _row(html, "明年施行的政策")
    for title in ("今天到期的政策", "长期有效的政策"):
        assert "已失效" not in _row(html, title) and "未生效" not in _row(html, title)
