from django.conf import settings
from django.utils.functional import SimpleLazyObject


def site(request):
    from articles.models import Category

    return {
        "site_url": settings.SITE_URL,
        # Queried only by templates that show the navigation.
        "nav_categories": SimpleLazyObject(lambda: list(Category.objects.filter(parent=None))),
    }
