from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from articles.models import Article, Author, Category, Reference, next_scheduled_publication
        from core import pagecache

        for model in (Article, Author, Category, Reference):
            pagecache.watch(model)
        pagecache.register_clock(next_scheduled_publication)
