"""Cache invalidation: a saved or deleted campaign or set of local questions is dropped from the cache at once,
whoever saved it (services, the admin, the demo seed). And one reaction: a leaver recorded in a return (by any
route) gets the workplace an open exit-survey link for the round."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from collection.signals import staff_left
from surveys.access import link_cache_key
from surveys.models import Campaign, LocalQuestionSet
from surveys.selectors import local_cache_key


@receiver([post_save, post_delete], sender=Campaign)
def forget_campaign(sender, instance: Campaign, **kwargs) -> None:
    cache.delete(link_cache_key(instance.code))


@receiver([post_save, post_delete], sender=LocalQuestionSet)
def forget_local_questions(sender, instance: LocalQuestionSet, **kwargs) -> None:
    cache.delete(local_cache_key(instance.council_id, instance.kind))


@receiver(staff_left)
def offer_exit_survey(sender, return_ids, actor=None, **kwargs) -> None:
    """A leaver was recorded: make sure the workplace has an open exit-survey link for the round (issue 20)."""
    from surveys.services import exit_campaigns_for_leavers

    exit_campaigns_for_leavers(return_ids=return_ids, created_by=actor)
