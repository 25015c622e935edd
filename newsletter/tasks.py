"""The newsletter's background tasks; each is a thin wrapper around a plain function."""

from django_tasks import task

from newsletter import campaigns
from newsletter.services import purge_old_records


# Below the default priority: sign-up confirmations and comment emails go ahead of a big send.
@task(priority=-10)
def send_campaign_batch(campaign_id: int, run: int) -> str:
    return campaigns.send_batch(campaign_id, run)


# Periodic jobs (settings.PERIODIC_JOBS), enqueued by the worker's schedule.


@task()
def resume_stalled_campaigns() -> list[int]:
    return [campaign.pk for campaign in campaigns.resume_stalled()]


@task(priority=-20)
def purge_newsletter_data() -> dict[str, int]:
    return purge_old_records()
