from collection.models.audit import ChangeRecord
from collection.models.light import PersonalAssistantReturn
from collection.models.returns import CollectionRound, JobRoleCount, LeaverReasonCount, WorkforceReturn
from collection.models.staff import StaffRecord

__all__ = [
    "ChangeRecord",
    "CollectionRound",
    "JobRoleCount",
    "LeaverReasonCount",
    "PersonalAssistantReturn",
    "StaffRecord",
    "WorkforceReturn",
]
