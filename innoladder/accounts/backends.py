"""Authentication by username and password; permissions from the role only (三权分立).

Django's per-user and per-group permission tables are not consulted: what a role may do in the
configuration screens is declared in `roles.SYSTEM_CONFIG_GRANTS`, and there are no superusers.
"""

from django.contrib.auth.backends import ModelBackend

from . import roles


class RoleBackend(ModelBackend):
    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        if obj is not None:
            return set()
        return roles.config_permissions(user_obj)

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj, app_label):
        return any(perm.startswith(f"{app_label}.") for perm in self.get_all_permissions(user_obj))
