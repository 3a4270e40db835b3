"""Forms for flagging posts and moderating posts and threads."""

from django import forms
from django.utils.translation import gettext_lazy as _

from forum.models import FlagReason
from forum.selectors import moderated_categories

REASON_MAX = 1000


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why should a moderator look at this post?"), choices=FlagReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note to the moderators"),
        help_text=_("Optional. Do not repeat personal data about a guidance seeker here."),
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _reason_field():
    return forms.CharField(
        label=_("Reason"),
        help_text=_("Shown in the moderation log."),
        max_length=REASON_MAX,
        error_messages={"required": _("Give a reason: it is kept in the moderation log.")},
    )


class ReasonForm(forms.Form):
    """Just the reason: the queue's buttons carry the action."""

    reason = _reason_field()

    def __init__(self, *args, post=None, **kwargs):
        if post is not None:
            kwargs.setdefault("auto_id", f"id_post{post.pk}_%s")
        super().__init__(*args, **kwargs)


class RedactForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the text removed?"),
        help_text=_("Kept in the moderation log. Do not repeat the personal data you are removing."),
        max_length=REASON_MAX,
        error_messages={"required": _("Give a reason: it is kept in the moderation log.")},
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PostModerateForm(ReasonForm):
    ACTIONS = (("hide", _("Hide the post")), ("unhide", _("Show the post again")))

    action = forms.ChoiceField(choices=ACTIONS, widget=forms.HiddenInput)
    field_order = ["action", "reason"]

    def __init__(self, *args, post=None, **kwargs):
        if post is not None:
            kwargs.setdefault("initial", {"action": "unhide" if post.is_hidden else "hide"})
        super().__init__(*args, post=post, **kwargs)


class ThreadModerateForm(forms.Form):
    ACTIONS = (
        ("lock", _("Lock: no new replies")),
        ("unlock", _("Unlock")),
        ("pin", _("Pin to the top of the category")),
        ("unpin", _("Unpin")),
        ("hide", _("Hide the thread")),
        ("unhide", _("Show the thread again")),
        ("move", _("Move to another category")),
    )

    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS)
    category = forms.ModelChoiceField(
        label=_("Move to"),
        help_text=_("Only for moving: categories you moderate."),
        queryset=None,
        required=False,
        empty_label=_("Choose a category"),
    )
    reason = _reason_field()

    def __init__(self, *args, user, thread, **kwargs):
        kwargs.setdefault("auto_id", f"id_thread{thread.pk}_%s")
        super().__init__(*args, **kwargs)
        self.thread = thread
        self.fields["category"].queryset = moderated_categories(user).exclude(pk=thread.category_id)
        if not self.is_bound:
            # Offer only what changes something; a stale page may still post any action.
            offered = {
                "unlock" if thread.is_locked else "lock",
                "unpin" if thread.is_pinned else "pin",
                "unhide" if thread.is_hidden else "hide",
                "move",
            }
            self.fields["action"].choices = [(k, v) for k, v in self.ACTIONS if k in offered]

    def clean(self):
        data = super().clean()
        if data.get("action") == "move" and not data.get("category"):
            self.add_error("category", _("Choose the category to move the thread to."))
        return data
