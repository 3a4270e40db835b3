"""The forum's and the portal's signal receivers: each names its sender, and the portal's one
reaction to another app's model is a saved centre getting its page (the register cannot import
the portal, so it cannot call a portal service).
"""

import weakref

from django.apps import apps
from django.db.models import signals
from wagtail.models import Page, PageViewRestriction, Site

from portal.services import centre_saved, menu_forget
from register.models import Centre

MODEL_SIGNALS = {
    "pre_init": signals.pre_init,
    "post_init": signals.post_init,
    "pre_save": signals.pre_save,
    "post_save": signals.post_save,
    "pre_delete": signals.pre_delete,
    "post_delete": signals.post_delete,
    "m2m_changed": signals.m2m_changed,
}
OURS = ("forum", "portal")


def _receivers(signal):
    """(receiver function, sender model or None) for every connection of ``signal``."""
    senders = {id(model): model for model in apps.get_models(include_auto_created=True)}
    found = []
    for (_receiver_key, sender_key), receiver, *_rest in signal.receivers:
        function = receiver() if isinstance(receiver, weakref.ReferenceType) else receiver
        if function is None:
            continue
        found.append((function, None if sender_key == id(None) else senders.get(sender_key, sender_key)))
    return found


def test_every_receiver_in_the_forum_and_the_portal_names_its_sender():
    for name, signal in MODEL_SIGNALS.items():
        for function, sender in _receivers(signal):
            if function.__module__.split(".")[0] in OURS:
                assert sender is not None, f"{function.__module__}.{function.__qualname__} listens to every {name}"


def test_the_portals_only_receiver_for_another_apps_model_is_a_saved_centre():
    across = {
        (name, function, sender)
        for name, signal in MODEL_SIGNALS.items()
        for function, sender in _receivers(signal)
        if function.__module__.split(".")[0] in OURS
        and sender is not None
        and not issubclass(sender, (Page, PageViewRestriction, Site))
    }
    assert across == {("post_save", centre_saved, Centre)}


def test_the_main_menu_is_forgotten_when_any_page_type_a_view_restriction_or_a_site_changes():
    watched = {sender for function, sender in _receivers(signals.post_save) if function is menu_forget}
    deleted = {sender for function, sender in _receivers(signals.post_delete) if function is menu_forget}
    expected = {model for model in apps.get_models() if issubclass(model, (Page, PageViewRestriction, Site))}
    assert watched == deleted == expected
    assert {"portal.HomePage", "portal.NewsPage", "wagtailcore.Page", "wagtailcore.Site"} <= {
        model._meta.label for model in watched
    }
