from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "compliance"
    verbose_name = "Compliance and chasing"

    def ready(self) -> None:
        from compliance import signals  # noqa: F401  (stored statuses go stale when a fact changes)
