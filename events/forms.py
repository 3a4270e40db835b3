"""Forms on the organiser pages. They parse and label input; ``events.services`` decides.

Times are typed as local times (``datetime-local``) and read in the site's time zone,
Europe/Oslo, so an event may start on one day and end on another.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import AmountField, attach_service_errors
from events import selectors, services
from events.models import Audience, EventKind
from register import deliveries
from register.models import CompetenceArea, County
from register.services.credits import MAX_HOURS

LOCAL_INPUT_FORMAT = "%Y-%m-%dT%H:%M"
MOMENT_FIELDS = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")


def _moment_field(label, *, required=True, help_text=""):
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_INPUT_FORMAT),
    )


class EventForm(forms.Form):
    """An event's text, time, place and settings.

    ``centres`` (a queryset) are the centres the user may create events for. On create with more than one,
    the form asks which; with one it is fixed. On edit (``event`` given) the centre never changes.

    Where the centre is fixed and it has agreements ``user`` may deliver its events under
    (``register.deliveries``), the form asks which one, if any, the event is delivered under. With a choice of
    centres it cannot know them yet: the organiser chooses on the event's next edit.
    """

    centre = forms.ModelChoiceField(
        label=_("Organiser"),
        queryset=None,
        empty_label=_("Choose centre"),
        help_text=_("The career centre that runs the event."),
        error_messages={"invalid_choice": _("Choose one of your centres from the list.")},
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Markdown: **bold**, *italic*, lists with - at the start of a line and links as [text](https://…)."
        ),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    audience = forms.ChoiceField(label=_("For"), choices=Audience.choices)
    who_should_come = forms.CharField(
        label=_("Who should come"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. For example: new school counsellors in their first two years."),
    )
    county = forms.ModelChoiceField(
        label=_("County"),
        queryset=County.objects.all(),
        empty_label=_("Choose county"),
        help_text=_("The county the event is listed under."),
        error_messages={"invalid_choice": _("Choose a county from the list.")},
    )
    place = forms.CharField(
        label=_("Venue"),
        required=False,
        max_length=200,
        help_text=_("Optional. For example: Karrieresenteret, room 2."),
    )
    address = forms.CharField(
        label=_("Address"),
        required=False,
        max_length=300,
        help_text=_("Street address and postcode. Leave empty for an online event."),
    )
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Shown only to confirmed participants. Give an address, an online link or both."),
    )
    starts_at = _moment_field(_("Starts"), help_text=_("Date and time, Norwegian time."))
    ends_at = _moment_field(_("Ends"), help_text=_("Date and time, Norwegian time. It may be on a later day."))
    capacity = forms.IntegerField(
        label=_("Places"),
        required=False,
        widget=forms.NumberInput(attrs={"min": "1"}),
        help_text=_("Leave empty for no limit. When the places are taken, people join the waiting list."),
    )
    registration_opens_at = _moment_field(
        _("Registration opens"), required=False, help_text=_("Optional. Leave empty to open it when published.")
    )
    registration_closes_at = _moment_field(
        _("Registration closes"),
        required=False,
        help_text=_("Optional. Leave empty to close it when the event starts."),
    )
    cpd_hours = AmountField(
        label=_("CPD hours"),
        maximum=MAX_HOURS,
        help_text=_("The professional development hours attending gives, for example 3 or 6.5."),
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Competence areas"),
        queryset=CompetenceArea.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The areas of the competence standard the event strengthens."),
        error_messages={
            "invalid_choice": _("Choose competence areas from the list."),
            "invalid_pk_value": _("Choose competence areas from the list."),
        },
    )

    def __init__(self, *args, centres=None, event=None, user=None, **kwargs):
        self.event = event
        if event is not None:
            kwargs.setdefault("initial", self._initial_from(event))
        super().__init__(*args, **kwargs)
        if event is not None:
            del self.fields["centre"]
            self.fixed_centre = event.centre
        else:
            choices = list(centres)
            if len(choices) > 1:
                self.fields["centre"].queryset = centres.order_by("name")
                self.fixed_centre = None
                # Empty means "the county of the centre chosen above".
                self.fields["county"].required = False
                self.fields["county"].empty_label = _("The centre’s county")
            else:
                del self.fields["centre"]
                self.fixed_centre = choices[0]
                self.fields["county"].initial = self.fixed_centre.county_id
        if self.fixed_centre is not None and user is not None:
            self._add_delivered_under(user)

    def _add_delivered_under(self, user):
        choices = deliveries.delivery_choices(user, self.fixed_centre)
        current = selectors.delivered_under(self.event) if self.event is not None else None
        # The agreement it counts under stays a choice after it has expired, so saving other changes keeps it.
        if current is not None and current not in choices:
            choices.insert(0, current)
        if not choices:
            return
        self.fields["delivered_under"] = forms.ChoiceField(
            label=_("Delivered under agreement"),
            required=False,
            choices=[("", _("Not under an agreement")), *choices],
            initial=current[0] if current else "",
            help_text=_(
                "Optional. The event then counts as delivery against the agreement, with its date, CPD hours "
                "and how many attended."
            ),
            error_messages={"invalid_choice": _("Choose one of the agreements in force of the event's centre.")},
        )

    @staticmethod
    def _initial_from(event):
        initial = {name: getattr(event, name) for name in services.EDITABLE_FIELDS}
        initial["county"] = event.county_id
        initial["areas"] = [area.pk for area in event.areas.all()]
        return initial

    def _keep_unchanged_moments(self, data):
        """The inputs show whole minutes: a time left as it was keeps its stored seconds, so no change is noticed."""
        for name in MOMENT_FIELDS:
            stored = getattr(self.event, name)
            if stored is not None and data[name] == stored.replace(second=0, microsecond=0):
                data[name] = stored

    def save(self, *, actor):
        """Create or change the event through the services; None when they refuse (errors are on the form)."""
        data = dict(self.cleaned_data)
        areas = data.pop("areas")
        if "delivered_under" in data:
            data["delivered_under"] = data["delivered_under"] or None
        centre = data.pop("centre", None) or self.fixed_centre
        if self.event is not None:
            self._keep_unchanged_moments(data)
        try:
            if self.event is None:
                return services.event_create(centre=centre, actor=actor, areas=areas, **data)
            return services.event_update(event=self.event, actor=actor, areas=areas, **data)
        except ValidationError as exc:
            attach_service_errors(self, exc)
            return None


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Everyone registered gets this in the cancellation notice."),
    )


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text, at most 5,000 characters. It is sent by e-mail and shown among the notices."),
    )
