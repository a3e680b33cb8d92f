"""Chart axes and labels, laid out on the server: counts get whole-number ticks, category labels never
overlap their neighbours. No database."""

import math

import pytest

from innoladder.reports.charts import (
    CHART_HEIGHT,
    CHART_WIDTH,
    FONT,
    GRID_SIDES,
    LABEL_MARGIN,
    LINE_HEIGHT,
    Chart,
    count_axis,
    counts_top,
    label_layout,
    text_width,
    tick_label_width,
    ticks,
)


@pytest.mark.parametrize("top", [*range(0, 130), 999, 1000, 1001, 4321, 99_999, 100_000])
def test_count_axis_ticks_are_whole_numbers_covering_the_largest_value(top):
    axis = count_axis(top)
    values = ticks(axis)
    assert all(isinstance(v, int) for v in values)
    assert values[0] == 0 and values[-1] == axis["max"] >= top
    assert 2 <= len(values) <= 7  # at most six steps
    assert str(axis["interval"]).lstrip("0")[0] in "125" and set(str(axis["interval"])[1:]) <= {"0"}


def test_small_counts_step_by_one_not_by_half():
    assert ticks(count_axis(1)) == [0, 1]
    assert ticks(count_axis(3)) == [0, 1, 2, 3]
    assert ticks(count_axis(7)) == [0, 2, 4, 6, 8]
    assert ticks(count_axis(23)) == [0, 5, 10, 15, 20, 25]


def test_counts_top_adds_stacks_and_ignores_amounts():
    stacked = [
        {"name": "a", "data": [1, 4], "stack": "s"},
        {"name": "b", "data": [2, 5], "stack": "s"},
        {"name": "c", "data": [8, 0]},
    ]
    assert counts_top(stacked) == 9
    assert counts_top([{"name": "收入", "data": [1.5, 2.0]}]) is None
    assert counts_top([{"name": "x", "data": [{"name": "甲", "value": 3}]}]) == 3
    money_on_right = [{"name": "n", "data": [3, 4]}, {"name": "rd", "data": [0.5, 1.2], "axis": 1}]
    assert counts_top(money_on_right, 0) == 4 and counts_top(money_on_right, 1) is None


def test_chart_data_carries_the_count_axis_and_the_label_layout():
    chart = Chart(
        key="k",
        title="t",
        kind="bar",
        headers=[],
        rows=[],
        categories=["甲", "乙"],
        series=[{"name": "企业数", "data": [3, 1]}],
    )
    data = chart.echarts()
    assert data["axis0"] == {"min": 0, "max": 3, "interval": 1}
    assert "axis1" not in data
    assert data["labels"] == {"texts": ["甲", "乙"], "rotate": 0, "interval": 0}
    amounts = Chart(
        key="m", title="t", kind="line", headers=[], rows=[], series=[{"name": "x", "data": [0.5]}]
    )
    assert "axis0" not in amounts.echarts()


def _shown(layout) -> list[int]:
    return list(range(0, len(layout["texts"]), layout["interval"] + 1))


def assert_no_overlap(categories, horizontal):
    """Checks the layout against the space each label has: level labels fit their slot (every line), turned
    labels are far enough apart, and labels beside horizontal bars fit their height."""
    layout = label_layout(categories, horizontal=horizontal)
    n = len(categories)
    assert len(layout["texts"]) == n
    step = layout["interval"] + 1
    if horizontal:
        slot = CHART_HEIGHT / n / FONT * step
        for text in layout["texts"]:
            assert len(text.split("\n")) * LINE_HEIGHT <= slot or step > 1
            assert all(text_width(line) <= 8 for line in text.split("\n"))
        assert (layout["interval"] == 0) or CHART_HEIGHT / n / FONT * step >= LINE_HEIGHT
        return layout
    slot = CHART_WIDTH / n / FONT * step
    if layout["rotate"] == 0:
        assert layout["interval"] == 0
        for text in layout["texts"]:
            assert all(text_width(line) <= slot - 0.5 for line in text.split("\n"))
    else:
        # Two turned labels are slot·sin(45°) apart perpendicular to the text: at least one line height.
        assert slot * math.sin(math.radians(layout["rotate"])) >= LINE_HEIGHT - 1e-9
        assert all(text_width(t) <= 8 for t in layout["texts"])
    return layout


def test_few_short_labels_stay_level_and_whole():
    layout = assert_no_overlap(["<1%", "1%–3%", "3%–4%", "≥10%", "无数据"], horizontal=False)
    assert layout == {"texts": ["<1%", "1%–3%", "3%–4%", "≥10%", "无数据"], "rotate": 0, "interval": 0}


def test_longer_labels_wrap_on_two_lines_when_that_fits():
    names = ["高新技术企业", "科技型中小企业", "创新型中小企业", "专精特新企业", "小巨人企业", "科技型企业"]
    layout = assert_no_overlap(names, horizontal=False)
    assert layout["rotate"] == 0 and any("\n" in t for t in layout["texts"])
    assert [t.replace("\n", "") for t in layout["texts"]] == names


def test_many_long_labels_turn_cut_and_skip_so_none_overlaps():
    names = [f"专精特新“小巨人”企业第{i}批" for i in range(12)]
    layout = assert_no_overlap(names, horizontal=False)
    assert layout["rotate"] == 45 and all(t.endswith("…") for t in layout["texts"])
    crowded = assert_no_overlap([f"{i}月" for i in range(1, 61)], horizontal=False)
    assert crowded["interval"] > 0


@pytest.mark.parametrize("n", [1, 3, 8, 12, 30, 60])
def test_labels_beside_horizontal_bars_wrap_and_fit(n):
    layout = assert_no_overlap([f"青海盐湖特立镁有限公司{i}" for i in range(n)], horizontal=True)
    assert all(len(t.split("\n")) <= 2 for t in layout["texts"])


@pytest.mark.parametrize("n", [1, 2, 5, 6, 9, 14, 20, 35, 80])
@pytest.mark.parametrize("name", ["甲", "培育库", "国家级专精特新“小巨人”企业", "R&D 2025"])
def test_no_layout_overlaps(n, name):
    assert_no_overlap([f"{name}{i}" for i in range(n)], horizontal=False)
    assert_no_overlap([f"{name}{i}" for i in range(n)], horizontal=True)


@pytest.mark.parametrize(
    "name",
    [
        "Qinghai tech little giant",
        "Tech-and-innovative SME",
        "High and new technology enterprise",
        "Tech-based SME",
    ],
)
def test_english_labels_break_between_words(name):
    text = label_layout([name, "Innovative SME"], horizontal=True)["texts"][0]
    assert all(text_width(line) <= 8 for line in text.split("\n"))
    # put back together at the breaks (a space, or nothing after a hyphen), the label reads as the name
    joined = text.replace("-\n", "-").replace("\n", " ")
    assert name.startswith(joined.removesuffix("…"))
    assert joined == name or joined.endswith("…")


def test_a_word_longer_than_a_line_is_still_cut_to_fit():
    text = label_layout(["Superconductivity enterprise"], horizontal=True)["texts"][0]
    assert all(text_width(line) <= 8 for line in text.split("\n"))
    assert text.startswith("Superconduc")


def test_chinese_labels_still_break_after_any_character():
    assert label_layout(["国家级专精特新中小企业"], horizontal=True)["texts"][0] == "国家级专精特新中\n小企业"


def _monthly(unit: str, visits: list, requests: list) -> Chart:
    series = [{"name": "visits", "data": visits}, {"name": "requests", "data": requests}]
    months = [f"{m}月" for m in range(1, len(visits) + 1)]
    return Chart(
        key="visits", title="t", kind="bar", headers=[], rows=[], categories=months, series=series, unit=unit
    )


@pytest.mark.parametrize("unit", ["次/件", "家", "项", "万元", "10k yuan", ""])
def test_a_short_unit_stays_at_the_top_of_the_value_axis(unit):
    assert _monthly(unit, [3, 12, 40], [1, 0, 2]).echarts()["names"] == [None, None]


@pytest.mark.parametrize("unit", ["次/件", "万元", " visits/requests", " enterprises", "10k yuan"])
@pytest.mark.parametrize(
    "values", [[3, 12, 4], [0, 0, 0], [1200, 35, 0], [0.5, 1.25, 3.0], [1234.5, 98765.25, 0], [-3, 5, 2]]
)
def test_the_value_axis_name_stays_inside_the_chart(unit, values):
    """Above the axis and centred on it, half the name must fit beside the axis (the grid's margin, the tick
    labels and their gap); otherwise it is turned along the axis, between the edge of the chart and the
    tick labels, and fits the axis' length."""
    chart = _monthly(unit, values, [1] * len(values))
    name = chart.echarts()["names"][0]
    labels = tick_label_width(chart.series) * FONT
    if name is None:
        assert text_width(unit.strip()) * FONT / 2 <= GRID_SIDES[0] + labels + LABEL_MARGIN
        return
    assert name["gap"] >= labels + LABEL_MARGIN  # clear of the tick labels
    # The axis stands after the grid's margin, the room given up, the labels and their gap; the turned name,
    # one line high, is `gap` back from the axis.
    axis_x = GRID_SIDES[0] + name["room"] + labels + LABEL_MARGIN
    assert axis_x - name["gap"] - FONT * LINE_HEIGHT >= 0
    plot_height = CHART_HEIGHT - 48 - 16  # charts.js: the grid's top and bottom
    assert text_width(unit.strip()) * FONT <= plot_height


def test_visits_and_requests_by_month_turn_their_english_unit_along_the_axis():
    # Above an axis of one- and two-digit counts " visits/requests" was cut by the left edge: "sits/requests".
    name = _monthly(" visits/requests", [3, 12, 4], [1, 0, 2]).echarts()["names"][0]
    assert name == {
        "gap": round(2 * 0.55 * FONT + LABEL_MARGIN + FONT / 2),
        "room": round(FONT * LINE_HEIGHT),
    }


def test_the_right_axis_of_two_is_laid_out_on_its_own_side():
    series = [{"name": "收入", "data": [1.5, 2.0]}, {"name": "研发（右轴）", "data": [0.1, 0.2], "axis": 1}]
    chart = Chart(key="k", title="t", kind="line", headers=[], rows=[], categories=["a", "b"], series=series)
    assert Chart(**{**chart.__dict__, "unit": "万元"}).echarts()["names"] == [None, None]
    turned = Chart(**{**chart.__dict__, "unit": " visits/requests"}).echarts()["names"]
    assert turned[0] is not None and turned[1] is not None
