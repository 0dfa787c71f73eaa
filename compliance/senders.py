"""Chase messages leave through the service's one sender interface (`providers.messaging`)."""

from providers.messaging import DeliveryError, DjangoEmailSender, NotifySender, get_sender

__all__ = ["DeliveryError", "DjangoEmailSender", "NotifySender", "get_sender"]
