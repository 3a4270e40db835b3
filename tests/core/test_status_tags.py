"""Status tags: one colour per meaning, the same for a state wherever it is shown."""

import re
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from core.status import TONES, register_tones, registered_tones, tone_of


def colour(html):
    return re.findall(r'class="ds-tag" data-color="([a-z]+)"', html)


def test_every_state_has_one_of_the_five_tones_and_the_states_people_compare_agree():
    tones = registered_tones()

    assert all(tone in TONES for states in tones.values() for tone in states.values())
    # Waiting for someone else is blue, whoever reads it; refused is red; done is green.
    assert tones["credit"]["pending"] == tones["evidence_review"]["pending"] == tones["audit"]["submitted"] == "info"
    assert (
        tones["credit"]["rejected"] == tones["evidence_review"]["declined"] == tones["event"]["cancelled"] == "danger"
    )
    assert tones["credit"]["verified"] == tones["audit"]["confirmed"] == tones["event"]["published"] == "success"


def test_a_tone_outside_the_five_or_an_unknown_state_is_refused(monkeypatch):
    monkeypatch.setattr("core.status._tones", {})
    with pytest.raises(ValueError, match="orange"):
        register_tones("thing", {"odd": "orange"})
    register_tones("thing", {"ok": "success"})
    with pytest.raises(KeyError):
        tone_of("thing", "unheard-of")


def test_a_pending_credit_has_the_same_colour_for_the_counsellor_and_the_verifier():
    entry = SimpleNamespace(status="pending", get_status_display="Til behandling")
    tag = render_to_string("register/competence/includes/credit_status_tag.html", {"entry": entry})

    assert colour(tag) == ["info"] and "Til behandling" in tag


def test_a_draft_event_has_one_colour_on_the_organisers_list_and_on_its_page():
    event = SimpleNamespace(status="draft", get_status_display="Draft", is_draft=True, is_cancelled=False)

    on_list = render_to_string("events/manage/_status_tag.html", {"event": event})
    on_page = render_to_string("events/includes/status_tags.html", {"event": event})

    assert colour(on_list) == colour(on_page) == ["neutral"]


@pytest.mark.parametrize(("meets", "tone", "words"), [(True, "success", "✓ Meets"), (False, "warning", "✗ Does not")])
def test_the_hr_check_shows_the_verdict_as_a_tag_with_words(meets, tone, words):
    status = {"has_requirement": True, "meets": meets, "cpd": None, "missing_areas": []}
    with translation.override("en"):
        html = render_to_string(
            "register/verify/includes/status.html", {"status": status, "id": "now", "heading": "Now"}
        )

    assert colour(html) == [tone]
    assert f'data-color="{tone}">{words}' in html
    assert "ds-badge" not in html  # a count bubble, which showed an empty green blob
