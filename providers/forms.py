from django import forms
from django.contrib.auth import password_validation

from providers.models import CouncilMembership, Membership, Organisation


class InvitationAcceptForm(forms.Form):
    full_name = forms.CharField(label="Your full name", max_length=150)
    password1 = forms.CharField(
        label="Create a password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters. Avoid common words and passwords you use elsewhere.",
    )
    password2 = forms.CharField(
        label="Confirm your password", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The passwords do not match")
        elif first:
            from providers.models import User

            try:
                password_validation.validate_password(first, User(email=self.email))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class MemberInviteForm(forms.Form):
    email = forms.EmailField(label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    role = forms.ChoiceField(
        label="What can they do?",
        choices=[
            (Membership.Role.ADMIN, "Admin – everything, including inviting people"),
            (Membership.Role.EDITOR, "Editor – complete and submit returns"),
            (Membership.Role.VIEWER, "Viewer – read only"),
        ],
        widget=forms.RadioSelect,
    )


class FirstAdminInviteForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Organisation", queryset=Organisation.objects.none(), empty_label="Select an organisation"
    )
    email = forms.EmailField(label="Email address of their first admin")

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class CouncilStaffInviteForm(forms.Form):
    email = forms.EmailField(label="Email address")
    role = forms.ChoiceField(label="Role", choices=CouncilMembership.Role.choices, widget=forms.RadioSelect)
