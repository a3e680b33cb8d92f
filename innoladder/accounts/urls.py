from django.contrib.auth.decorators import login_required
from django.urls import path

from . import manage_views, views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("password/", login_required(views.PasswordChangeView.as_view()), name="password_change"),
    path("mfa/verify/", views.mfa_verify, name="mfa_verify"),
    path("mfa/setup/", views.mfa_setup, name="mfa_setup"),
    # The 安全管理员's screens (URL names start with "account_": the duty middleware opens them to that role).
    path("manage/users/", manage_views.user_list, name="account_user_list"),
    path("manage/users/new/", manage_views.user_create, name="account_user_create"),
    path("manage/users/<int:pk>/", manage_views.user_edit, name="account_user_edit"),
    path("manage/users/<int:pk>/password/", manage_views.password_reset, name="account_password_reset"),
    path("manage/users/<int:pk>/mfa-reset/", manage_views.mfa_reset, name="account_mfa_reset"),
    path("manage/users/<int:pk>/unlock/", manage_views.unlock, name="account_unlock"),
    path("manage/approvals/", manage_views.approval_list, name="account_approval_list"),
    path(
        "manage/approvals/<int:pk>/<str:decision>/",
        manage_views.request_decide,
        name="account_request_decide",
    ),
]
