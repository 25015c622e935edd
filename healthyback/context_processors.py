from django.conf import settings
from django.utils.functional import SimpleLazyObject


def site(request):
    from articles.models import Category
    from core import pagecache

    def navigation():
        return pagecache.memo("navigation", lambda: list(Category.objects.filter(parent=None)))

    return {
        "site_url": settings.SITE_URL,
        # Looked up only by templates that show the navigation.
        "nav_categories": SimpleLazyObject(navigation),
    }
