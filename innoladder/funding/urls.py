from django.urls import path

from . import views

urlpatterns = [
    path("", views.FundListView.as_view(), name="fund_list"),
    path("export/", views.FundListView.as_view(exporting=True), name="fund_export"),
    path("applications/new/", views.ApplicationEditView.as_view(), name="fund_application_create"),
    path("applications/<int:pk>/", views.ApplicationDetailView.as_view(), name="fund_application_detail"),
    path("applications/<int:pk>/edit/", views.ApplicationEditView.as_view(), name="fund_application_edit"),
    path(
        "applications/<int:pk>/transition/",
        views.ApplicationTransitionView.as_view(),
        name="fund_application_transition",
    ),
    path("programmes/", views.ProgrammeListView.as_view(), name="programme_list"),
    path("programmes/export/", views.ProgrammeListView.as_view(exporting=True), name="programme_export"),
    path("programmes/new/", views.ProgrammeEditView.as_view(), name="programme_create"),
    path("programmes/<int:pk>/", views.ProgrammeDetailView.as_view(), name="programme_detail"),
    path("programmes/<int:pk>/edit/", views.ProgrammeEditView.as_view(), name="programme_edit"),
    path("vouchers/", views.VoucherListView.as_view(), name="voucher_use_list"),
    path("vouchers/export/", views.VoucherListView.as_view(exporting=True), name="voucher_use_export"),
    path("vouchers/new/", views.VoucherEditView.as_view(), name="voucher_use_create"),
    path("vouchers/<int:pk>/", views.VoucherDetailView.as_view(), name="voucher_use_detail"),
    path("vouchers/<int:pk>/edit/", views.VoucherEditView.as_view(), name="voucher_use_edit"),
    path("vouchers/balances/", views.voucher_balance_list, name="voucher_balance_list"),
    path("vouchers/balances/export/", views.voucher_balance_export, name="voucher_balance_export"),
]
