"""Settings for the test suite: the real settings, with jobs run in-process and a fast password hash."""

from innoladder.settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
# PBKDF2 at 1,000,000 rounds costs ~0.25 s a login; the suite logs in hundreds of times.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
