"""Markdown to safe HTML: markdown-it renders (raw HTML off), nh3 sanitises what comes out."""

import html

import nh3
from django.utils.html import strip_tags
from markdown_it import MarkdownIt

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "code",
    "em",
    "strong",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "del",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}


def render(text: str | None) -> str:
    """Return sanitised HTML for ``text``. No script, event handler or javascript: URL survives."""
    html = _renderer.render(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def plain_text(text: str | None) -> str:
    """The words of a Markdown text without its markup (no ``**`` or ``##``), on one line: for excerpts."""
    return " ".join(html.unescape(strip_tags(render(text))).split())


def quote(text: str | None, author_name: str) -> str:
    """A reply's opening quote of another post, as Markdown."""
    lines = (text or "").strip().splitlines() or [""]
    return f"**{author_name}:**\n\n" + "\n".join(f"> {line}" for line in lines) + "\n\n"
