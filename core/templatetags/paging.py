from django import template
from django.core.paginator import Page

register = template.Library()


@register.simple_tag
def page_links(page: Page) -> list[int | None]:
    """The page numbers to link to, with None for each gap: 1 … 4 5 6 … 20 (Designsystemet's pagination)."""
    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    return [number if isinstance(number, int) else None for number in numbers]
