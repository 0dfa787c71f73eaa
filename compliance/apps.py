from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "compliance"
    verbose_name = "Compliance and chasing"

    def ready(self) -> None:
        from collection import deadlines
        from compliance import signals  # noqa: F401  (stored statuses go stale when a fact changes)
        from compliance.selectors.deadlines import return_deadlines

        deadlines.register(return_deadlines)  # the due dates collection's pages show are the contracts' own
