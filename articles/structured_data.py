"""Schema.org data (JSON-LD) for article and author pages: what search engines read about a page.

Plain dicts built from objects the page has already loaded, so they cost no queries. Every URL is
absolute (SITE_URL), every date ISO 8601 with its offset.
"""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author
from core.templatetags.images import rendition_url

SITE_NAME = "Healthy Back"
# Link previews and Google's article images both ask for about 1200 px across.
IMAGE_WIDTH = 1200
AVATAR_WIDTH = 800


def absolute(url: str) -> str:
    # Media may already be absolute (a storage on another host); site paths are not.
    return url if "://" in url else f"{settings.SITE_URL}{url}"


def iso(moment) -> str:
    return timezone.localtime(moment).isoformat()


def publisher() -> dict:
    return {
        "@type": "Organization",
        "@id": f"{settings.SITE_URL}/#organization",
        "name": SITE_NAME,
        "url": f"{settings.SITE_URL}/",
        "logo": {"@type": "ImageObject", "url": absolute(static("img/logo.svg"))},
    }


def person(author: Author) -> dict:
    data = {
        "@type": "Person",
        "@id": absolute(author.get_absolute_url()) + "#person",
        "name": author.name,
        "url": absolute(author.get_absolute_url()),
    }
    if author.credentials:
        # "CFT, CPRS, MFT", "MD": letters after the name are schema.org's honorificSuffix.
        data["honorificSuffix"] = author.credentials
    if author.is_medical_reviewer:
        data["jobTitle"] = "Medical reviewer"
    if author.avatar:
        data["image"] = absolute(rendition_url(author.avatar, author.avatar_renditions, AVATAR_WIDTH))
    return data


def breadcrumbs(article: Article) -> dict:
    category = article.category
    trail = [("Home", reverse("home"))]
    if category.parent_id:
        trail.append((category.parent.name, category.parent.get_absolute_url()))
    trail += [(category.name, category.get_absolute_url()), (article.title, article.get_absolute_url())]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute(url)}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def article_data(article: Article) -> dict:
    """A MedicalWebPage and its breadcrumb trail. Expects category, parent, author and reviewer
    loaded (services.article_for_page); reads the references."""
    url = absolute(article.get_absolute_url())
    image = rendition_url(article.featured_image, article.featured_image_renditions, IMAGE_WIDTH)
    page = {
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "headline": article.title,
        "name": article.title,
        "description": article.summary,
        "inLanguage": "en",
        "image": absolute(image or static("img/og-default.png")),
        "author": person(article.author),
        "publisher": publisher(),
        "breadcrumb": {"@id": f"{url}#breadcrumb"},
    }
    if article.published_at:
        page["datePublished"] = iso(article.published_at)
        page["dateModified"] = iso(article.substantively_updated_at or article.published_at)
    if article.reviewed_by_id:
        page["reviewedBy"] = person(article.reviewed_by)
        page["lastReviewed"] = iso(article.reviewed_at)
    citations = [
        {
            "@type": "CreativeWork",
            "name": reference.citation,
            **({"url": reference.url} if reference.url else {}),
        }
        for reference in article.references.all()
    ]
    if citations:
        page["citation"] = citations
    return {
        "@context": "https://schema.org",
        "@graph": [page, {"@id": f"{url}#breadcrumb", **breadcrumbs(article)}],
    }


def author_data(author: Author) -> dict:
    url = absolute(author.get_absolute_url())
    profile = person(author)
    if author.bio:
        profile["description"] = author.bio
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "@id": url,
        "url": url,
        "name": author.name_with_credentials,
        "inLanguage": "en",
        "mainEntity": profile,
        "publisher": publisher(),
    }
