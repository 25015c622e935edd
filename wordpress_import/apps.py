from django.apps import AppConfig


class WordPressImportConfig(AppConfig):
    name = "wordpress_import"
    verbose_name = "WordPress import"
