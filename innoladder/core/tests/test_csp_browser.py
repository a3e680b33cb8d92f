"""Under the Content-Security-Policy ('self' only, no inline script or style) the pages that used inline
scripts, inline handlers or style attributes still work in a real browser, and nothing is blocked (the
`page` fixture fails a test on any CSP violation it sees)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from innoladder.accounts.demo import DEMO_PASSWORD
from innoladder.core.models import Job, JobStatus
from innoladder.core.testing.browser import login


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=io.StringIO())


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dashboard_charts_draw_and_answer_the_mouse(page, demo):
    login(page, "officer", DEMO_PASSWORD)
    page.goto(f"{page.base_url}/reports/dashboard/")
    charts = page.locator(".echart")
    assert charts.count() > 0
    page.wait_for_function(
        "() => [...document.querySelectorAll('.echart')].every(el => el.querySelector('canvas'))"
    )
    box = charts.first.bounding_box()
    assert box["height"] >= 400  # .echart-lg from app.css, formerly a style attribute
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # tooltips render too
    page.wait_for_timeout(300)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_period_presets_language_switch_and_delete_confirmation_work(page, demo):
    from innoladder.cooperation.models import Talent

    login(page, "officer", DEMO_PASSWORD)
    page.goto(f"{page.base_url}/reports/")
    preset = page.locator("button.preset").first
    preset.click()
    assert page.input_value("#id_start") == preset.get_attribute("data-start")
    assert page.input_value("#id_end") == preset.get_attribute("data-end")

    with page.expect_navigation():
        page.select_option("footer select[name=language]", "en")
    assert page.locator("html").get_attribute("lang") == "en"
    with page.expect_navigation():
        page.select_option("footer select[name=language]", "zh-hans")
    assert page.locator("html").get_attribute("lang") == "zh-hans"

    talent = Talent.objects.order_by("pk").first()
    page.goto(f"{page.base_url}/cooperation/talents/{talent.pk}/")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("form[data-confirm] button[type=submit]")
    page.wait_for_timeout(300)
    assert Talent.objects.filter(pk=talent.pk).exists()  # cancelled: nothing deleted
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("form[data-confirm] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert not Talent.objects.filter(pk=talent.pk).exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_job_progress_bar_follows_the_job_through_htmx_polling(page, demo):
    from innoladder.accounts.models import User

    job = Job.objects.create(
        kind="test",
        title="批量评估",
        status=JobStatus.RUNNING,
        progress=40,
        total=100,
        created_by=User.objects.get(username="officer"),
        started_at=timezone.now(),
        lease_expires_at=timezone.now() + dt.timedelta(hours=1),
    )
    login(page, "officer", DEMO_PASSWORD)
    page.goto(f"{page.base_url}/jobs/{job.pk}/")
    page.wait_for_function("() => document.querySelector('.progress-bar').style.width === '40%'")
    Job.objects.filter(pk=job.pk).update(progress=70)
    page.wait_for_function("() => document.querySelector('.progress-bar').style.width === '70%'")
    assert page.inner_text(".progress-bar") == "70%"
