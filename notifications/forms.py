from django import forms

from notifications.kinds import Delivery


class PreferencesForm(forms.Form):
    """One choice per registered kind of notice."""

    def __init__(self, *args, preferences, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, delivery in preferences:
            self.fields[kind.key] = forms.ChoiceField(
                label=kind.label, choices=Delivery.choices, initial=delivery, widget=forms.RadioSelect, required=False
            )
