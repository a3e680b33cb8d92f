"""The main menu fits one line of a 1366 px screen in Chinese and in English for every business role (the
administrator has the most entries), and no page scrolls sideways at 1366 px or on a 390 px phone."""

import pytest

from innoladder.accounts.testing import enrolled_device
from innoladder.core.testing.browser import login
from innoladder.core.testing.cast import PASSWORD

PAGES = ("/", "/enterprises/", "/recognitions/")


def _switch_language(page, code: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": code, "url": page.base_url}])


def _measure(page) -> dict:
    return page.evaluate(
        """() => ({
            width: document.documentElement.scrollWidth,
            navHeight: document.querySelector('nav.navbar').getBoundingClientRect().height,
            brandHeight: document.querySelector('.navbar-brand').getBoundingClientRect().height,
            brand: document.querySelector('.navbar-brand').getBoundingClientRect().toJSON(),
            toggler: document.querySelector('.navbar-toggler').getBoundingClientRect().toJSON(),
        })"""
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("who", ["admin", "officer", "agency", "user_a"])
def test_menu_fits_one_line_at_1366_px(page, cast, who, language):
    user = getattr(cast, who)
    device = enrolled_device(user) if who == "admin" else None
    page.set_viewport_size({"width": 1366, "height": 800})
    _switch_language(page, language)
    login(page, who, PASSWORD, device=device)
    for path in PAGES:
        page.goto(f"{page.base_url}{path}")
        figures = _measure(page)
        assert figures["width"] <= 1366, (path, figures)
        # One line: the bar is no taller than its brand line plus the bar's own padding.
        assert figures["navHeight"] <= figures["brandHeight"] + 24, (path, figures)
    if language == "en":
        assert page.locator("html[lang=en]").count() == 1
        assert "企业档案" not in page.inner_text("nav")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("who", ["officer", "user_a"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_no_sideways_scrolling_on_a_phone(page, cast, who, language):
    page.set_viewport_size({"width": 390, "height": 844})
    _switch_language(page, language)
    login(page, who, PASSWORD)
    for path in PAGES:
        page.goto(f"{page.base_url}{path}")
        figures = _measure(page)
        assert figures["width"] <= 390, (path, figures)
        # The brand and the menu button share one line, the button inside the screen.
        brand, toggler = figures["brand"], figures["toggler"]
        assert toggler["top"] < brand["bottom"] and brand["top"] < toggler["bottom"], (path, figures)
        assert brand["right"] <= toggler["left"] and toggler["right"] <= 390, (path, figures)
    assert page.locator(f"html[lang={language}]").count() == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_wide_list_on_a_phone_keeps_each_row_on_one_line(page, cast):
    """A list wider than the phone scrolls inside its table (not the page), its cells one line high rather
    than squeezed to a character a line."""
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "officer", PASSWORD)
    page.goto(f"{page.base_url}/enterprises/")
    figures = page.evaluate(
        """() => {
            const table = document.querySelector('.table-responsive > table');
            const cells = [...table.querySelectorAll('tbody td')];
            const line = parseFloat(getComputedStyle(cells[0]).lineHeight);
            return {
                page: document.documentElement.scrollWidth,
                table: table.scrollWidth,
                cells: cells.length,
                tallest: Math.max(...cells.map(td => td.getBoundingClientRect().height)),
                line: line,
            };
        }"""
    )
    assert figures["page"] <= 390 and figures["table"] > 390, figures
    assert figures["cells"] > 0 and figures["tallest"] < 2 * figures["line"] + 16, figures


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", ["/recognitions/", "/enterprises/"])
def test_list_filters_fold_away_on_a_phone_and_stay_open_on_a_desktop(page, cast, path):
    login(page, "officer", PASSWORD)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{page.base_url}{path}")
    filters, toggle = page.locator("#list-filters"), page.locator("[data-bs-target='#list-filters']")
    assert not filters.is_visible() and toggle.is_visible()
    toggle.click()
    filters.wait_for(state="visible")
    page.goto(f"{page.base_url}{path}?status=active")  # a filtered list shows what it is filtered by
    assert filters.is_visible()
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(f"{page.base_url}{path}")
    assert filters.is_visible() and not toggle.is_visible()


def _wide_pages(cast) -> list[str]:
    """Pages whose tables are wider than a phone: an enterprise's recognitions and their 保存量 deadlines,
    its R&D deduction computation and the park dashboard's data tables."""
    import datetime as dt

    from django.utils import timezone

    from innoladder.recognitions.tests.factories import RecognitionFactory
    from innoladder.rnd import services as rnd_services
    from innoladder.rnd.tests.factories import RDProjectFactory, line

    soon = timezone.localdate() + dt.timedelta(days=60)
    RecognitionFactory(enterprise=cast.ent_a, scheme="hnte", valid_until=soon)
    RecognitionFactory(enterprise=cast.ent_a, scheme="tsme", number="20236301010A0001234", valid_until=soon)
    RecognitionFactory(enterprise=cast.ent_a, scheme="little_giant", level="national", valid_until=soon)
    project = RDProjectFactory(enterprise=cast.ent_a, code="A-01", name="锂电池正极材料研发")
    line(project, "personnel", "90000.00", dt.date(2022, 3, 31))
    line(project, "other_costs", "20000.00", dt.date(2022, 4, 30))
    rnd_services.compute_for(enterprise=cast.ent_a, year=2022)
    return [
        "/recognitions/obligations/",
        f"/enterprises/{cast.ent_a.pk}/",
        f"/rnd/enterprises/{cast.ent_a.pk}/2022/",
        "/reports/dashboard/",
    ]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_wide_tables_scroll_inside_their_box_on_a_phone(page, cast, language):
    """Every table of these pages (its folded data tables opened too) scrolls inside its own box: the
    page itself stays as wide as the phone, in Chinese and in English."""
    paths = _wide_pages(cast)
    page.set_viewport_size({"width": 390, "height": 844})
    _switch_language(page, language)
    login(page, "officer", PASSWORD)
    too_wide = {}
    for path in paths:
        page.goto(f"{page.base_url}{path}")
        page.wait_for_load_state("networkidle")
        figures = page.evaluate(
            """() => {
                document.querySelectorAll('details').forEach(d => { d.open = true; });
                const tables = [...document.querySelectorAll('main table')];
                return {
                    width: document.documentElement.scrollWidth,
                    tables: tables.length,
                    loose: tables.filter(t => !t.closest('.table-responsive')).map(t => t.scrollWidth),
                };
            }"""
        )
        assert figures["tables"] > 0, (path, figures)
        if figures["width"] > 390:
            too_wide[path] = figures
    assert not too_wide


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_heading_beside_buttons_keeps_to_one_line_on_a_phone(page, cast, language):
    """A page heading sharing its row with buttons keeps its words on one line; the buttons wrap below."""
    page.set_viewport_size({"width": 390, "height": 844})
    _switch_language(page, language)
    login(page, "officer", PASSWORD)
    for path in ("/recognitions/obligations/", "/recognitions/notifications/"):
        page.goto(f"{page.base_url}{path}")
        figures = page.evaluate(
            """() => {
                const heading = document.querySelector('main h1');
                return {
                    height: heading.getBoundingClientRect().height,
                    line: parseFloat(getComputedStyle(heading).lineHeight),
                    width: document.documentElement.scrollWidth,
                };
            }"""
        )
        assert figures["height"] < 1.5 * figures["line"] and figures["width"] <= 390, (path, figures)
