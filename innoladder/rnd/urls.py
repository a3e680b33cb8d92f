from django.urls import path

from innoladder.core import viewkit as vk

from . import views

urlpatterns = [
    path("", views.home, name="rnd_home"),
    *vk.routes(
        "rnd_project",
        "projects/",
        list=views.project_list,
        detail=views.project_detail,
        edit=views.RDProjectEditView.as_view(),
    ),
    path("projects/<int:project_pk>/lines/new/", views.LineEditView.as_view(), name="rnd_line_create"),
    path("lines/", views.line_list, name="rnd_line_list"),
    path("lines/<int:pk>/edit/", views.LineEditView.as_view(), name="rnd_line_edit"),
    path("lines/<int:pk>/delete/", views.line_delete, name="rnd_line_delete"),
    path(
        "enterprises/<int:enterprise_pk>/projects/new/",
        views.RDProjectEditView.as_view(),
        name="rnd_project_create",
    ),
    path("enterprises/<int:enterprise_pk>/<int:year>/", views.computation, name="rnd_computation"),
    path(
        "enterprises/<int:enterprise_pk>/<int:year>/xlsx/",
        views.computation_xlsx,
        name="rnd_computation_xlsx",
    ),
    path("enterprises/<int:enterprise_pk>/<int:year>/profile/", views.profile_edit, name="rnd_profile_edit"),
    *vk.routes(
        "rnd_rule",
        "subsidy-rules/",
        list=views.rule_list,
        create=views.rule_edit,
        detail=views.rule_detail,
        edit=views.rule_edit,
    ),
]
