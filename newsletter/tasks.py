"""The newsletter's background tasks; each is a thin wrapper around a plain function."""

from django_tasks import task

from newsletter import campaigns


# Below the default priority: sign-up confirmations and comment emails go ahead of a big send.
@task(priority=-10)
def send_campaign_batch(campaign_id: int, run: int) -> str:
    return campaigns.send_batch(campaign_id, run)
