from django.urls import path

from . import views

urlpatterns = [
    path("", views.tier_list, name="tier_list"),
    path("tables/new/", views.table_create, name="ruletable_create"),
    path("tables/<int:pk>/", views.table_detail, name="ruletable_detail"),
    path("tables/<int:pk>/edit/", views.table_edit, name="ruletable_edit"),
    path("tables/<int:pk>/publish/", views.table_publish, name="ruletable_publish"),
]
