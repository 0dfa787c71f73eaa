from collection.forms.base import ReturnForm
from collection.forms.other import PersonalAssistantReturnForm, ReviewForm, RoundForm
from collection.forms.sections import DeclarationForm, NumbersForm, PayForm, WorkplaceForm
from collection.forms.staff import (
    STAFF_PAGES,
    NoChangeForm,
    StaffPageForm,
    StaffRemoveForm,
    next_page,
    previous_page,
    staff_answers,
    staff_page,
)

__all__ = [
    "DeclarationForm",
    "NoChangeForm",
    "NumbersForm",
    "PayForm",
    "PersonalAssistantReturnForm",
    "ReturnForm",
    "ReviewForm",
    "RoundForm",
    "STAFF_PAGES",
    "StaffPageForm",
    "StaffRemoveForm",
    "WorkplaceForm",
    "next_page",
    "previous_page",
    "staff_answers",
    "staff_page",
]
