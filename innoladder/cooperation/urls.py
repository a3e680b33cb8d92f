from innoladder.core import viewkit as vk

from . import views

urlpatterns = [
    *vk.object_urls(views, "Cooperation", "cooperation", "projects/"),
    *vk.object_urls(views, "Patent", "patent", "patents/"),
    *vk.object_urls(views, "Talent", "talent", "talents/", "list export edit detail delete"),
]
