"""Django admin: council admins manage their own council's contracts and requirements here for now."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from providers import access
from providers.models import (
    Contract,
    ContractRequirement,
    Council,
    CouncilMembership,
    Invitation,
    Membership,
    Organisation,
    User,
    Workplace,
)


class CouncilScopedAdmin(admin.ModelAdmin):
    """Shows a council admin only the rows of the councils they administer (superusers see all)."""

    council_path = "council"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        councils = access.councils_for(request.user, roles=[CouncilMembership.Role.COUNCIL_ADMIN])
        return queryset.filter(**{f"{self.council_path}__in": councils})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "council" and not request.user.is_superuser:
            kwargs["queryset"] = access.councils_for(request.user, roles=[CouncilMembership.Role.COUNCIL_ADMIN])
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ContractRequirementInline(admin.TabularInline):
    model = ContractRequirement
    extra = 0


@admin.register(Contract)
class ContractAdmin(CouncilScopedAdmin):
    list_display = ["reference", "organisation", "council", "starts_on", "ends_on", "contract_officer"]
    list_filter = ["council"]
    search_fields = ["reference", "organisation__name"]
    filter_horizontal = ["workplaces"]
    inlines = [ContractRequirementInline]


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "cssr_code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Workplace)
class WorkplaceAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "local_ref", "district", "main_service"]
    search_fields = ["name", "local_ref", "cqc_location_id"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "council", "role", "expires_at", "accepted_at", "revoked_at"]
    readonly_fields = ["token"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


class CouncilMembershipInline(admin.TabularInline):
    model = CouncilMembership
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password", "full_name"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "is_demo", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    inlines = [MembershipInline, CouncilMembershipInline]
