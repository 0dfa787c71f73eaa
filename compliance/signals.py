"""Invalidation of the stored statuses (compliance.models.UnitStatus) when a fact of a unit changes.

collection, surveys and providers are lower apps and never import compliance: compliance listens to their saves
and deletes here. A fact change marks the affected rows stale (one UPDATE on an index); the desk rewrites them
before it reads. A new contract, requirement or contracted workplace can add units, so it clears the council's
refresh day instead and the next read rewrites the whole round.

Writes through `QuerySet.update()` send no signal: those facts (e.g. the completeness of a return still being
filled in, which the rules only judge once it is submitted) are caught up by the daily rewrite.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from collection.models import PersonalAssistantReturn, WorkforceReturn
from compliance.models import ChaseRecord, Exemption, Extension, StatusRefresh, UnitStatus
from providers.models import Contract, ContractRequirement, Organisation, Workplace

FACTS = [post_save, post_delete]


def mark_stale(**lookup) -> None:
    UnitStatus.objects.filter(stale=False, **lookup).update(stale=True)


def _recompute_councils(council_ids) -> None:
    StatusRefresh.objects.filter(council_id__in=list(council_ids)).update(computed_on=None)


@receiver(FACTS, sender=WorkforceReturn, dispatch_uid="compliance_status_return")
def _return_changed(sender, instance, **kwargs):
    mark_stale(workplace_id=instance.workplace_id, round_id=instance.round_id)


@receiver(FACTS, sender=PersonalAssistantReturn, dispatch_uid="compliance_status_pa_return")
def _pa_return_changed(sender, instance, **kwargs):
    mark_stale(organisation_id=instance.organisation_id, round_id=instance.round_id, workplace__isnull=True)


@receiver(FACTS, sender="surveys.Campaign", dispatch_uid="compliance_status_campaign")
def _campaign_changed(sender, instance, **kwargs):
    workplace_id = getattr(instance, "workplace_id", None)
    if workplace_id:
        mark_stale(workplace_id=workplace_id, round_id=instance.round_id)


@receiver(FACTS, sender=Extension, dispatch_uid="compliance_status_extension")
@receiver(FACTS, sender=Exemption, dispatch_uid="compliance_status_exemption")
def _decision_changed(sender, instance, **kwargs):
    lookup = {"requirement_id": instance.requirement_id, "round_id": instance.round_id}
    if instance.workplace_id:
        lookup["workplace_id"] = instance.workplace_id
    mark_stale(**lookup)


@receiver(FACTS, sender=ChaseRecord, dispatch_uid="compliance_status_chase_record")
def _step_changed(sender, instance, **kwargs):
    mark_stale(requirement_id=instance.requirement_id, round_id=instance.round_id, workplace_id=instance.workplace_id)


@receiver(post_save, sender=Organisation, dispatch_uid="compliance_status_organisation")
def _organisation_changed(sender, instance, **kwargs):
    mark_stale(organisation_id=instance.pk)


@receiver(FACTS, sender=Workplace, dispatch_uid="compliance_status_workplace")
def _workplace_changed(sender, instance, created=False, **kwargs):
    if created:
        mark_stale(organisation_id=instance.organisation_id)
    else:
        mark_stale(workplace_id=instance.pk)


@receiver(FACTS, sender=Contract, dispatch_uid="compliance_status_contract")
def _contract_changed(sender, instance, **kwargs):
    _recompute_councils([instance.council_id])


@receiver(FACTS, sender=ContractRequirement, dispatch_uid="compliance_status_requirement")
def _requirement_changed(sender, instance, **kwargs):
    _recompute_councils(Contract.objects.filter(pk=instance.contract_id).values_list("council_id", flat=True))


@receiver(m2m_changed, sender=Contract.workplaces.through, dispatch_uid="compliance_status_contract_places")
def _contract_places_changed(sender, instance, action, pk_set=None, **kwargs):
    if not action.startswith("post_"):
        return
    if isinstance(instance, Contract):
        _recompute_councils([instance.council_id])
    else:  # the workplace's side of the relation
        _recompute_councils(Contract.objects.filter(pk__in=pk_set or []).values_list("council_id", flat=True))
