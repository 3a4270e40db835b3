"""Forms for writing in the forum: threads, replies, edits, watching and search."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from forum.models import WatchLevel

MARKDOWN_HELP = _(
    "You can format the text, and mention someone with @ and their handle: see “How to format the text” below "
    "the field."
)


class PostEditor(forms.Textarea):
    """A post's text: with JavaScript, typing @ and two letters offers the people to mention (static/js/site.js);
    without it, typing the whole handle does the same."""

    def __init__(self, rows: int):
        super().__init__(
            attrs={
                "rows": rows,
                "data-mentions": reverse_lazy("forum:handle_suggestions"),
                "data-mentions-label": _("People to mention"),
                "data-mentions-found": _("{count} found: the arrow keys choose, Enter picks, Escape closes."),
                "data-mentions-none": _("No one found with that name or handle."),
            }
        )


# The same words as the service's, so an empty post reads alike on the page and in the API.
EMPTY_BODY = {"required": _("Write something before you post.")}


class ThreadForm(forms.Form):
    # Lengths are checked by the service, so the message is the same on the page and in the API;
    # maxlength is not set on the inputs because a browser would cut text off silently.
    title = forms.CharField(label=_("Title"), error_messages={"required": _("Give the thread a title.")})
    body = forms.CharField(
        label=_("Text"),
        help_text=MARKDOWN_HELP,
        widget=PostEditor(rows=10),
        strip=False,
        error_messages=EMPTY_BODY,
    )
    is_question = forms.BooleanField(
        label=_("This is a question"),
        required=False,
        help_text=_("Questions can have one reply marked as the answer."),
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        help_text=MARKDOWN_HELP,
        widget=PostEditor(rows=8),
        strip=False,
        error_messages=EMPTY_BODY,
    )
    quote = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PostEditForm(forms.Form):
    body = forms.CharField(
        label=_("Text"),
        help_text=MARKDOWN_HELP,
        widget=PostEditor(rows=10),
        strip=False,
        error_messages=EMPTY_BODY,
    )


class WatchForm(forms.Form):
    level = forms.ChoiceField(label=_("Tell me about"), choices=WatchLevel.choices, widget=forms.RadioSelect)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the forum"), required=False, max_length=200)
