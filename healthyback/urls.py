from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from healthyback import views

admin.site.site_header = "Healthy Back administration"
admin.site.site_title = "Healthy Back admin"
admin.site.index_title = "Publishing"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
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
