from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Plumbing every app shares. It imports no other app of ours."""

    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from core.sqlite import fold_case_in_like

        fold_case_in_like()
