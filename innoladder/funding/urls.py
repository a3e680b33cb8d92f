from django.urls import path

from innoladder.core import viewkit as vk

from . import views

urlpatterns = [
    *vk.object_urls(views, "Fund", "fund", roles="list export"),
    *vk.object_urls(views, "Application", "fund_application", "applications/", "edit detail transition"),
    *vk.object_urls(views, "Programme", "programme", "programmes/"),
    *vk.object_urls(views, "Voucher", "voucher_use", "vouchers/"),
    path("vouchers/balances/", views.BalanceListView.as_view(), name="voucher_balance_list"),
    path("vouchers/balances/export/", views.voucher_balance_export, name="voucher_balance_export"),
]
