from django.utils.functional import SimpleLazyObject


def newsletter(request):
    from core import pagecache
    from newsletter.models import ConsentText

    # Looked up once per page, and only if the page shows a sign-up box.
    return {
        "newsletter_consent": SimpleLazyObject(lambda: pagecache.memo("consent-text", ConsentText.current))
    }
