from django.urls import path

from . import views

urlpatterns = [
    path("", views.services_home, name="services_home"),
    path("visits/", views.visit_list, name="visit_list"),
    path("visits/export/", views.visit_export, name="visit_export"),
    path("visits/new/", views.visit_create, name="visit_create"),
    path("visits/import/apply/", views.visit_import_apply, name="visit_import_apply"),
    path("visits/<int:pk>/", views.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/edit/", views.visit_edit, name="visit_edit"),
    path("visits/enterprise/<int:enterprise_pk>/", views.enterprise_visit_log, name="enterprise_visit_log"),
    path("requests/", views.request_list, name="request_list"),
    path("requests/export/", views.request_export, name="request_export"),
    path("requests/new/", views.request_create, name="request_create"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/edit/", views.request_edit, name="request_edit"),
    path("requests/<int:pk>/transition/", views.request_transition, name="request_transition"),
    path("requests/<int:pk>/rate/", views.request_rate, name="request_rate"),
]
