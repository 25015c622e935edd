from django.db import models
from django.urls import reverse

from core.richtext import sanitize_html


class Page(models.Model):
    """A site page (about, privacy, medical disclaimer, ...) at /pages/<slug>/, edited by staff."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True, help_text="The last part of the page's address.")
    summary = models.CharField(
        max_length=200, help_text="One sentence for search engines and link previews (the meta description)."
    )
    body = models.TextField()
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the footer; lower comes first."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("page", kwargs={"slug": self.slug})
