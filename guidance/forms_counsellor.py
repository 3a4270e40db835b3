"""Forms of the counsellors' pages: the answer (with an optional referral), an internal note, an FAQ entry.

They parse and label input; ``guidance.services`` decides (and its length limits come back at the field).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from guidance import services
from guidance.models import Topic

MARKDOWN_HELP = _("Markdown: **bold**, *italic*, lists with - at the start of a line and links as [text](https://…).")


def _text(text):
    """One kind of line break (browsers send CRLF), no space around."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


class AnswerForm(forms.Form):
    """The answer to ``question``; the centres to refer to are the ones ``services.referral_centres`` offers."""

    # The answer and the note share the question's page: prefixes keep their fields' ids apart.
    prefix = "answer"

    body = forms.CharField(
        label=_("Your answer"),
        help_text=MARKDOWN_HELP,
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": _("Write the answer.")},
    )
    refer_to = forms.ModelChoiceField(
        label=_("Refer to a career centre"),
        queryset=None,
        required=False,
        empty_label=_("No referral"),
        help_text=_("Optional. The asker sees the centre's address, phone, e-mail and opening hours under the answer."),
        error_messages={"invalid_choice": _("Choose a centre from the list.")},
    )

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["refer_to"].queryset = services.referral_centres(question)

    def clean_body(self):
        return _text(self.cleaned_data["body"])


class NoteForm(forms.Form):
    prefix = "note"

    body = forms.CharField(
        label=_("Internal note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the note.")},
    )

    def clean_body(self):
        return _text(self.cleaned_data["body"])


class FaqForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("A short question in general words, for example: Can I have my education from abroad approved?"),
        error_messages={"required": _("Write a title.")},
    )
    question = forms.CharField(
        label=_("Question"),
        help_text=_("Rewrite the question so nobody can recognise the asker."),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write the question.")},
    )
    answer = forms.CharField(
        label=_("Answer"),
        help_text=MARKDOWN_HELP,
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": _("Write the answer.")},
    )
    topic = forms.ChoiceField(
        label=_("Topic"),
        choices=[("", _("Choose a topic")), *Topic.choices],
        error_messages={
            "required": _("Choose the topic the entry is listed under."),
            "invalid_choice": _("Choose a topic from the list."),
        },
    )
    anonymised = forms.BooleanField(
        label=_("I have removed everything that could identify the asker"),
        error_messages={"required": _("Tick the box once the question and the answer say nothing about who asked.")},
    )

    def clean_question(self):
        return _text(self.cleaned_data["question"])

    def clean_answer(self):
        return _text(self.cleaned_data["answer"])
