from django.urls import path

from innoladder.core import viewkit as vk

from . import views

urlpatterns = [
    *vk.routes(
        "enterprise",
        list=views.enterprise_list,
        create=views.enterprise_create,
        export=views.enterprise_export,
        detail=views.enterprise_detail,
        edit=views.enterprise_edit,
    ),
    path("pick/", views.enterprise_pick, name="enterprise_pick"),
    path("export/annual-data/", views.annualdata_export, name="annualdata_export"),
    path("export/ip/", views.iprecord_export, name="iprecord_export"),
    path("<int:pk>/sections/<slug:label>/", views.enterprise_section, name="enterprise_section"),
    path("<int:pk>/timeline/", views.enterprise_timeline, name="enterprise_timeline"),
    path("<int:pk>/all/<slug:label>/<slug:key>/", views.enterprise_listing, name="enterprise_listing"),
    path("<int:pk>/status/", views.enterprise_status, name="enterprise_status"),
    path("<int:pk>/annual-data/new/", views.annualdata_edit, name="annualdata_create"),
    path("<int:pk>/annual-data/<int:year>/", views.annualdata_edit, name="annualdata_edit"),
]

# Every kind of child record (IP, awards, …) has the same three pages: (route, view, name suffix).
CHILD_PAGES = (
    ("<int:pk>/{key}/new/", views.child_create, "create"),
    ("{key}/<int:pk>/edit/", views.child_edit, "edit"),
    ("{key}/<int:pk>/delete/", views.child_delete, "delete"),
)
urlpatterns += [
    path(route.format(key=child.key), view, {"kind": child.key}, name=f"{child.url_name}_{suffix}")
    for child in views.CHILDREN.values()
    for route, view, suffix in CHILD_PAGES
]
