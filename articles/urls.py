from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("category/<slug:slug>/", views.category_detail, name="category"),
    path("author/<slug:slug>/", views.author_detail, name="author"),
    path("search/", views.search, name="search"),
]
