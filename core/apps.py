from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Plumbing every app shares. It imports no other app of ours."""

    name = "core"
    verbose_name = "Core"
