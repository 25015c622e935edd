from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.cache import cache_control

from articles import feeds
from articles.feeds import FEED_MAX_AGE
from articles.sitemaps import ArticleSitemap, AuthorSitemap, CategorySitemap
from core.pagecache import public_page
from healthyback import views
from healthyback.sitemaps import HomeSitemap, PageSitemap

admin.site.site_header = "Healthy Back administration"
admin.site.site_title = "Healthy Back admin"
admin.site.index_title = "Publishing"

sitemaps = {
    "home": HomeSitemap,
    "articles": ArticleSitemap,
    "categories": CategorySitemap,
    "authors": AuthorSitemap,
    "pages": PageSitemap,
}

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("form-token/", views.form_token, name="form_token"),
    path(
        "sitemap.xml",
        public_page(cache_control(public=True, max_age=FEED_MAX_AGE)(sitemap_views.sitemap)),
        {"sitemaps": sitemaps},
        name="sitemap",
    ),
    path("feed/", public_page(feeds.SiteFeed()), name="feed"),
    path("feed/atom/", public_page(feeds.SiteAtomFeed()), name="feed_atom"),
    path("category/<slug:slug>/feed/", public_page(feeds.CategoryFeed()), name="category_feed"),
    path("category/<slug:slug>/feed/atom/", public_page(feeds.CategoryAtomFeed()), name="category_feed_atom"),
    path("author/<slug:slug>/feed/", public_page(feeds.AuthorFeed()), name="author_feed"),
    path("author/<slug:slug>/feed/atom/", public_page(feeds.AuthorAtomFeed()), name="author_feed_atom"),
    path("favicon.ico", views.favicon),
    path("pages/<slug:slug>/", views.page, name="page"),
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
    path("", include("comments.urls")),
    path("newsletter/", include("newsletter.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Uploaded files; in production the web server (or a CDN-less nginx location) serves MEDIA_ROOT.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
