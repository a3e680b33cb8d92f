from django.urls import path

from . import views

urlpatterns = [path("talents/<int:pk>/delete/", views.talent_delete, name="talent_delete")]
for name, prefix in (("cooperation", "projects"), ("patent", "patents"), ("talent", "talents")):
    module = {"module": name}
    urlpatterns += [
        path(f"{prefix}/", views.object_list, module, name=f"{name}_list"),
        path(f"{prefix}/export/", views.object_export, module, name=f"{name}_export"),
        path(f"{prefix}/new/", views.object_create, module, name=f"{name}_create"),
        path(f"{prefix}/<int:pk>/", views.object_detail, module, name=f"{name}_detail"),
        path(f"{prefix}/<int:pk>/edit/", views.object_edit, module, name=f"{name}_edit"),
    ]
