from innoladder.core import viewkit as vk

from . import views

urlpatterns = vk.object_urls(views, "Contract", "contract", roles="list export edit detail transition")
