"""The shared pagination: previous, numbered pages with gaps, next, and the page in words."""

import re

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import translation


def render(number, total_pages=10, query=""):
    page = Paginator(range(total_pages * 10), 10).page(number)
    with translation.override("en"):
        return render_to_string("includes/pagination.html", {"page_obj": page, "query": query})


def test_a_middle_page_links_both_ways_and_elides_the_far_pages():
    html = render(5, query="status=pending")

    numbers = re.findall(r'aria-label="Page (\d+)"', html)
    assert numbers == ["1", "4", "5", "6", "10"]
    assert html.count("<li></li>") == 2  # the gaps, which Designsystemet draws as …
    assert re.search(r'href="\?status=pending&amp;page=5" aria-label="Page 5" aria-current="true">5</a>', html)
    assert (
        'rel="prev" href="?status=pending&amp;page=4"' in html
        and 'rel="next" href="?status=pending&amp;page=6"' in html
    )
    assert "Page 5 of 10" in html


def test_the_first_page_has_no_previous_link_and_nothing_stands_before_its_numbers():
    html = render(1, total_pages=3)

    first_item = re.search(r"<ul>\s*<li>(.*?)</li>", html, re.S).group(1)
    assert 'aria-hidden="true"' in first_item and "href" not in first_item  # kept for the layout, hidden from all
    assert re.findall(r'aria-label="Page (\d+)"', html) == ["1", "2", "3"]
    assert 'rel="next"' in html and 'rel="prev"' not in html


def test_one_page_shows_no_pagination():
    assert render(1, total_pages=1).strip() == ""
