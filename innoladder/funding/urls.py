from django.urls import path

from . import views

urlpatterns = [
    path("", views.fund_list, name="fund_list"),
    path("export/", views.fund_export, name="fund_export"),
    path("applications/new/", views.fund_application_create, name="fund_application_create"),
    path("applications/<int:pk>/", views.fund_application_detail, name="fund_application_detail"),
    path("applications/<int:pk>/edit/", views.fund_application_edit, name="fund_application_edit"),
    path(
        "applications/<int:pk>/transition/",
        views.fund_application_transition,
        name="fund_application_transition",
    ),
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/export/", views.programme_export, name="programme_export"),
    path("programmes/new/", views.programme_create, name="programme_create"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("programmes/<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("vouchers/", views.voucher_use_list, name="voucher_use_list"),
    path("vouchers/export/", views.voucher_use_export, name="voucher_use_export"),
    path("vouchers/new/", views.voucher_use_create, name="voucher_use_create"),
    path("vouchers/<int:pk>/", views.voucher_use_detail, name="voucher_use_detail"),
    path("vouchers/<int:pk>/edit/", views.voucher_use_edit, name="voucher_use_edit"),
    path("vouchers/balances/", views.voucher_balance_list, name="voucher_balance_list"),
    path("vouchers/balances/export/", views.voucher_balance_export, name="voucher_balance_export"),
]
