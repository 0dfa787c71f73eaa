from django.apps import AppConfig


class ProvidersConfig(AppConfig):
    name = "providers"
    verbose_name = "Organisations, people and contracts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        import config.bulk  # noqa: F401  (registers the `__any` lookup on every field)
        from providers.sessions import note_sign_in

        user_logged_in.connect(note_sign_in, dispatch_uid="providers.sessions.note_sign_in")
