from django.urls import path

from innoladder.core import viewkit as vk

from . import views

urlpatterns = [
    path("", views.tier_list, name="tier_list"),
    *vk.routes(
        "ruletable", "tables/", create=views.table_create, detail=views.table_detail, edit=views.table_edit
    ),
    path("tables/<int:pk>/publish/", views.table_publish, name="ruletable_publish"),
]
