from collection.forms.base import ReturnForm
from collection.forms.other import PersonalAssistantReturnForm, ReviewForm, RoundForm
from collection.forms.sections import DeclarationForm, NumbersForm, PayForm, WorkplaceForm
from collection.forms.staff import NoChangeForm, StaffRecordForm, StaffRemoveForm

__all__ = [
    "DeclarationForm",
    "NoChangeForm",
    "NumbersForm",
    "PayForm",
    "PersonalAssistantReturnForm",
    "ReturnForm",
    "ReviewForm",
    "RoundForm",
    "StaffRecordForm",
    "StaffRemoveForm",
    "WorkplaceForm",
]
