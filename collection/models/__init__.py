from collection.models.returns import CollectionRound, JobRoleCount, LeaverReasonCount, WorkforceReturn
from collection.models.staff import StaffRecord

__all__ = ["CollectionRound", "JobRoleCount", "LeaverReasonCount", "StaffRecord", "WorkforceReturn"]
