from compliance.services.delivery import message_deliver, messages_deliver
from compliance.services.ladder import ladder_default_keep, ladder_default_take, ladder_step_update
from compliance.services.officer import (
    chase_decide,
    entry_record,
    exemption_grant,
    extension_grant,
    notice_issue,
)
from compliance.services.sweep import Action, chase_sweep

__all__ = [
    "Action",
    "chase_decide",
    "chase_sweep",
    "entry_record",
    "exemption_grant",
    "extension_grant",
    "ladder_default_keep",
    "ladder_default_take",
    "ladder_step_update",
    "message_deliver",
    "messages_deliver",
    "notice_issue",
]
