from django.urls import path

from innoladder.core import viewkit as vk

from . import views

urlpatterns = [
    path("", views.services_home, name="services_home"),
    *vk.object_urls(views, "Visit", "visit", "visits/"),
    path("visits/import/apply/", views.visit_import_apply, name="visit_import_apply"),
    path("visits/enterprise/<int:enterprise_pk>/", views.enterprise_visit_log, name="enterprise_visit_log"),
    *vk.object_urls(views, "Request", "request", "requests/", roles="list export edit detail transition"),
    path("requests/<int:pk>/rate/", views.RequestRateView.as_view(), name="request_rate"),
]
