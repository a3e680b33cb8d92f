from django.contrib.admin.apps import AdminConfig


class SystemAdminConfig(AdminConfig):
    """Django admin with our site: reached only through the app's login, second factor and role grants."""

    default_site = "innoladder.accounts.adminsite.SystemAdminSite"
