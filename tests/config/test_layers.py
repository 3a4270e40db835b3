"""The one-way layers of pyproject.toml's import-linter contract hold in templates too.

A template in ``templates/<app>/`` may link to (``{% url %}``) and include or extend the templates
of its own app and of the apps below it, never those above it nor those of a sibling.
Project-wide templates (``base.html``, ``includes/``) belong to ``config`` and may use any app.
"""

import re
import tomllib
from pathlib import Path

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

TEMPLATES = Path(settings.BASE_DIR, "templates")
URL_TAG = re.compile(r"{%\s*url\s+['\"]([^'\"]+)['\"]")
TEMPLATE_TAG = re.compile(r"{%\s*(?:include|extends)\s+['\"]([^'\"/]+)/")


def layer_ranks():
    """App name -> its layer's index, top (config) first, read from the import-linter contract."""
    config = tomllib.loads(Path(settings.BASE_DIR, "pyproject.toml").read_text())["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c["type"] == "layers"]
    return {app.strip(): rank for rank, layer in enumerate(contract["layers"]) for app in layer.split("|")}


def url_owners(resolver=None, namespace=""):
    """URL name (with its namespace) -> the top-level package of the view it serves."""
    owners = {}
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            owners.update(url_owners(pattern, inner))
        elif isinstance(pattern, URLPattern) and pattern.name:
            owners.setdefault(f"{namespace}{pattern.name}", pattern.callback.__module__.split(".")[0])
    return owners


def may_use(ranks, source, target):
    """A template of ``source`` may use ``target``: the same app, or one in a lower layer."""
    if target not in ranks or target == source:
        return True
    return ranks[target] > ranks[source]


def uses_of_other_apps(ranks, owners):
    """(template, what it uses, the app that owns it) for every use across a layer, up or sideways."""
    found = []
    for app in ranks:
        for template in sorted((TEMPLATES / app).rglob("*")):
            if not template.is_file():
                continue
            text = template.read_text()
            uses = [(name, owners.get(name)) for name in URL_TAG.findall(text)]
            uses += [(f"{folder}/…", folder) for folder in TEMPLATE_TAG.findall(text)]
            found += [
                (str(template.relative_to(TEMPLATES)), used, owner)
                for used, owner in uses
                if not may_use(ranks, app, owner)
            ]
    return found


def test_no_template_of_a_lower_app_links_to_or_includes_a_higher_or_sibling_app():
    assert uses_of_other_apps(layer_ranks(), url_owners()) == []


def test_the_check_sees_a_link_upwards_and_sideways():
    """The check above would fail on the staff page's old links into events and e-guidance."""
    ranks, owners = layer_ranks(), url_owners()

    assert owners["events:manage_list"] == "events"
    assert owners["verification_queue"] == "register"
    assert not may_use(ranks, "register", owners["events:manage_list"])
    assert not may_use(ranks, "register", owners["guidance:queue"])
    assert not may_use(ranks, "events", owners["forum:index"])
    assert may_use(ranks, "events", owners["verification_queue"])
    assert may_use(ranks, "portal", owners["events:list"])
