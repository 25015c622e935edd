"""The newsletter in the admin: subscribers and their consent records, and campaigns."""

from newsletter.admin import campaigns, subscribers

__all__ = ["campaigns", "subscribers"]
