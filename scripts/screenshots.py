"""Screenshots of the main screens per role, at 1440 px (desktop) and 390 px (phone), for docs/guide/.

Run against a demo started with `make demo` (same INNOLADDER_VAR_DIR, so the script can answer the second
factor of the roles that must use one, as their phone would):
    INNOLADDER_VAR_DIR=var .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000 docs/guide/screens
"""

import os
import sys
import time
from pathlib import Path

import django

PASSWORD = "Golmud#2023demo"
WIDTHS = {"desktop": (1440, 900), "phone": (390, 844)}
# role → [(file name, page, what it shows)]; "{enterprise}" is the first enterprise the role may open.
SCREENS = {
    "officer": [
        ("home", "/", "首页：待办、到期、候选企业"),
        ("enterprises", "/enterprises/", "企业档案列表"),
        ("enterprise", "/enterprises/{enterprise}/", "一企一档：梯度评估在最上方，目录可跳转到各部分"),
        ("candidates", "/assessments/candidates/", "评估与候选：与下一梯度的差距"),
        ("obligations", "/recognitions/obligations/", "保存量日历"),
        ("reports", "/reports/", "统计报表与工作总结"),
    ],
    "admin": [("home", "/", "园区管理员首页")],
    "regional": [("dashboard", "/reports/dashboard/", "区域管理人员：海西州各园区合计")],
    "agency": [("home", "/", "服务机构首页：只看到受托企业")],
    "enterprise": [
        ("home", "/", "企业用户首页"),
        ("enterprise", "/enterprises/{enterprise}/", "本企业档案"),
    ],
    "auditor": [("audit", "/audit/", "审计员：本园区审计日志")],
}


def _setup_django() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innoladder.settings")
    # The ORM is called between browser steps; Playwright's sync API keeps an event loop running.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    django.setup()


def _login(page, base: str, username: str) -> None:
    from django.contrib.auth import get_user_model

    from innoladder.accounts.roles import mfa_required
    from innoladder.accounts.testing import enrolled_device, totp_now

    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    user = get_user_model().objects.get(username=username)
    if mfa_required(user) and "/accounts/mfa/" in page.url:
        device = enrolled_device(user)
        # A code is good once: after the other width's login, wait for the phone's next code.
        while device.last_t >= int(time.time()) // device.step:
            time.sleep(1)
        page.goto(f"{base}/accounts/mfa/verify/")
        page.fill("#id_code", totp_now(device))
        page.click("main button[type=submit]")
        page.wait_for_load_state("networkidle")


def _first_enterprise(username: str) -> int | None:
    from django.contrib.auth import get_user_model

    from innoladder.enterprises.models import Enterprise

    user = get_user_model().objects.get(username=username)
    first = Enterprise.objects.for_user(user).order_by("name").first()
    return first.pk if first else None


def main() -> int:
    base, out = sys.argv[1].rstrip("/"), Path(sys.argv[2])
    _setup_django()
    from django.contrib.auth import get_user_model
    from playwright.sync_api import sync_playwright

    from innoladder.core.testing.browser import CHROMIUM_ARGS, chromium_path

    out.mkdir(parents=True, exist_ok=True)
    lines = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        for role, screens in SCREENS.items():
            if not get_user_model().objects.filter(username=role).exists():
                continue
            for device, (width, height) in WIDTHS.items():
                context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": height})
                page = context.new_page()
                _login(page, base, role)
                for name, path, caption in screens:
                    path = path.format(enterprise=_first_enterprise(role))
                    page.goto(f"{base}{path}")
                    page.wait_for_load_state("networkidle")
                    page.wait_for_timeout(1500)  # the charts' grow-in animation
                    file = out / f"{role}-{name}-{device}.jpg"
                    page.screenshot(path=str(file), type="jpeg", quality=70)
                    if device == "desktop":
                        lines.append((role, name, caption, path))
                    print(f"{file} ({page.url})")  # noqa: T201
                context.close()
        browser.close()
    _write_index(out, lines)
    return 0


def _write_index(out: Path, lines) -> None:
    text = ["# 界面截图", "", "演示数据（`make demo`）中各角色的主要界面，桌面 1440 px 与手机 390 px。", ""]
    for role, name, caption, path in lines:
        text += [
            f"## {caption}",
            "",
            f"角色 `{role}`，页面 `{path}`",
            "",
            f"![{caption}（桌面）]({role}-{name}-desktop.jpg)",
            "",
            f"![{caption}（手机）]({role}-{name}-phone.jpg)",
            "",
        ]
    (out / "README.md").write_text("\n".join(text), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
