"""Forms of e-guidance. The asker's pages: asking, the one follow-up, deleting, and searching the FAQ. The
counsellors' pages: the answer (with an optional referral), an internal note, an FAQ entry.

They parse and label input; ``guidance.services`` decides. The question's length limits are the service's,
checked here too so the message can say how many characters were written (there is no script counting them).
"""

from django import forms
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from guidance import selectors
from guidance.models import AgeGroup, Topic
from guidance.permissions import reassign_candidates
from guidance.services import QUESTION_MAX_LENGTH, QUESTION_MIN_LENGTH, REASON_MAX_LENGTH
from register.models import County

# The statement next to the consent box points the box at it (aria-describedby), so it is read out with it.
PRIVACY_STATEMENT_ID = "guidance-privacy-statement"


def _length_help():
    return gettext(
        "Between %(min)s and %(max)s characters. Do not write your name, national identity number or other "
        "details that can identify you."
    ) % {"min": number_format(QUESTION_MIN_LENGTH), "max": number_format(QUESTION_MAX_LENGTH, force_grouping=True)}


# Evaluated when rendered, in the language of the request.
length_help = lazy(_length_help, str)


def _question_text_field(label):
    # No maxlength on the textarea: a browser would cut pasted text off without a word.
    return forms.CharField(
        label=label,
        help_text=length_help(),
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Write your question.")},
    )


def _clean_question_text(text):
    """The text with one kind of line break (browsers send CRLF), checked against the service's limits."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    written = len(text)
    if written < QUESTION_MIN_LENGTH:
        raise forms.ValidationError(
            ngettext(
                "Write at least %(min)s characters. You wrote %(count)s character.",
                "Write at least %(min)s characters. You wrote %(count)s characters.",
                written,
            )
            % {"min": QUESTION_MIN_LENGTH, "count": written},
            code="too_short",
        )
    if written > QUESTION_MAX_LENGTH:
        raise forms.ValidationError(
            gettext("Write at most %(max)s characters. You wrote %(count)s characters.")
            % {
                "max": number_format(QUESTION_MAX_LENGTH, force_grouping=True),
                "count": number_format(written, force_grouping=True),
            },
            code="too_long",
        )
    return text


class AskForm(forms.Form):
    text = _question_text_field(_("Your question"))
    topic = forms.ChoiceField(
        label=_("Topic"),
        choices=[("", _("Choose a topic")), *Topic.choices],
        error_messages={
            "required": _("Choose the topic that fits your question best."),
            "invalid_choice": _("Choose a topic from the list."),
        },
    )
    county = forms.ModelChoiceField(
        label=_("County"),
        required=False,
        queryset=County.objects.order_by("number"),
        to_field_name="number",
        empty_label=_("I would rather not say"),
        help_text=_("Optional. Helps us point you to the career centre near you."),
        error_messages={"invalid_choice": _("Choose a county from the list.")},
    )
    age_group = forms.ChoiceField(
        label=_("Age"),
        required=False,
        choices=[("", _("I would rather not say")), *AgeGroup.choices],
        help_text=_("Optional."),
        error_messages={"invalid_choice": _("Choose an age group from the list.")},
    )
    email = forms.EmailField(
        label=_("E-mail for a notice"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_(
            "Optional. We send one e-mail with the link when the answer is ready, never the question or the answer. "
            "Leave it empty if you would rather check the link yourself."
        ),
        error_messages={"invalid": _("Write a whole e-mail address, like navn@example.no, or leave the field empty.")},
    )
    consent = forms.BooleanField(
        label=_("I have read how my question is handled, and I agree"),
        widget=forms.CheckboxInput(attrs={"aria-describedby": PRIVACY_STATEMENT_ID}),
        error_messages={"required": _("Tick the box to agree, otherwise we cannot receive your question.")},
    )
    # The honeypot: hidden from sight and from the keyboard, labelled for screen readers; people leave it empty.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_text(self):
        return _clean_question_text(self.cleaned_data["text"])

    def full_clean(self):
        super().full_clean()
        # The box keeps pointing at the statement; Django adds the error's id only when we set none ourselves.
        if self.errors.get("consent"):
            widget = self.fields["consent"].widget
            widget.attrs["aria-describedby"] = f"{PRIVACY_STATEMENT_ID} {self['consent'].auto_id}_error"

    @property
    def is_spam(self):
        """The honeypot was filled in: only a robot sees the field as one to fill."""
        return bool(self.data.get(self.add_prefix("website"), "").strip())


class FollowUpForm(forms.Form):
    text = _question_text_field(_("Your follow-up question"))

    def clean_text(self):
        return _clean_question_text(self.cleaned_data["text"])


class DeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that this cannot be undone"),
        error_messages={"required": _("Tick the box to confirm that the conversation should be deleted.")},
    )


class FaqSearchForm(forms.Form):
    q = forms.CharField(label=_("Search the questions"), required=False, max_length=200)
    topic = forms.ChoiceField(
        label=_("Topic"),
        required=False,
        choices=[("", _("All topics")), *Topic.choices],
        error_messages={"invalid_choice": _("Choose a topic from the list.")},
    )


# The counsellors' pages (their length limits come back from the services at the field)

MARKDOWN_HELP = _("Markdown: **bold**, *italic*, lists with - at the start of a line and links as [text](https://…).")


def _text(text):
    """One kind of line break (browsers send CRLF), no space around."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


class AnswerForm(forms.Form):
    """The answer to ``question``; the centres to refer to are the ones ``selectors.referral_centres`` offers."""

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
        self.fields["refer_to"].queryset = selectors.referral_centres(question)

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


class ReassignForm(forms.Form):
    """A lead moves a claimed question: to one of the counsellors they lead, or back to the queue."""

    to = forms.ModelChoiceField(
        label=_("Give the question to"),
        queryset=None,
        required=False,
        empty_label=_("Nobody: put it back in the queue"),
        error_messages={"invalid_choice": _("Choose an e-guidance counsellor at your centre.")},
    )
    # Who the lead saw holding the question: if someone else holds it by the time they send, nothing is moved.
    holder = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("The counsellor who holds the question reads this, and so does the one who gets it."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_MAX_LENGTH,
        error_messages={"required": _("Say why the question is moved.")},
    )

    def __init__(self, *args, lead, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = reassign_candidates(lead).exclude(pk=question.claimed_by_id)
        self.fields["holder"].initial = question.claimed_by_id

    def clean_reason(self):
        return _text(self.cleaned_data["reason"])
