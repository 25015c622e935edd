from django.core.paginator import Page, Paginator

PER_PAGE = 10


def page_of(request, queryset, per_page: int = PER_PAGE) -> Page:
    # get_page answers text, negative and too-large numbers with the first or last page, never 500.
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
