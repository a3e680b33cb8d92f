"""The project list's cells as a park officer reads them."""

import datetime as dt
import re

import pytest

from .factories import approve, make_project

pytestmark = pytest.mark.django_db


def _row(html: str, title: str) -> str:
    return re.search(rf"<tr>(?:(?!</tr>).)*{title}.*?</tr>", html, re.S).group(0)


def test_year_and_batch_are_not_said_twice_and_dates_read_as_elsewhere(client, cast):
    named = make_project(cast.officer, cast.ent_a, title="储能材料项目", year=2026, batch="2026年第一批")
    approve(cast.officer, named, dt.date(2026, 3, 1))
    make_project(cast.officer, cast.ent_a, title="盐湖提锂项目", year=2023, batch="第二批")
    make_project(cast.officer, cast.ent_a, title="光热项目", year=2024, batch="")
    client.force_login(cast.officer)
    html = client.get("/projects/").content.decode()
    first = _row(html, "储能材料项目")
    assert "2026年第一批" in first and "2026 2026年第一批" not in first
    assert "2026-03-01" in first
    assert "2023 第二批" in _row(html, "盐湖提锂项目")
    assert re.search(r">\s*2024\s*<", _row(html, "光热项目"))
