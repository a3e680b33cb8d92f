"""The system configuration screens (Django admin at /sysadmin/) behind the one login path.

There is no second login form here: /sysadmin/login/ sends to the app's login (lockout, per-address limit,
second factor, audit), and a page opens only for an active, verified account whose role grants it
(`roles.SYSTEM_CONFIG_GRANTS`). Password change and logout go through the app's own audited views.
"""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from . import roles


class SystemAdminSite(admin.AdminSite):
    site_header = "科创企业梯度培育平台 · 系统配置"
    site_title = "系统配置"
    index_title = "系统配置"

    def has_permission(self, request):
        user = request.user
        if not (user.is_authenticated and user.is_active):
            return False
        if user.locked_until and user.locked_until > timezone.now():
            return False
        verified = getattr(user, "is_verified", None)
        if verified is None or not verified():
            return False
        return bool(roles.config_permissions(user))

    def login(self, request, extra_context=None):
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"), reverse("login"))

    def logout(self, request, extra_context=None):
        if request.method != "POST":
            return redirect("home")
        from .views import logout_view  # the app's audited logout

        return logout_view(request)

    def password_change(self, request, extra_context=None):
        return redirect("password_change")
