from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = "Staff surveys"

    def ready(self) -> None:
        from surveys import signals  # noqa: F401  (connects the cache invalidation)
