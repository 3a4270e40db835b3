"""The Norwegian bokmål catalogue is complete, compiled, and used by the site.

Source strings are English; bokmål (``nb``) is the default language. When one of these tests fails,
run ``makemessages``, translate what is new in ``locale/nb/LC_MESSAGES/django.po`` and run
``compilemessages`` (see the commands in the messages below).
"""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

from portal.services import sync_portal_pages

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "nb" / "LC_MESSAGES"
PO_PATH = LOCALE_DIR / "django.po"
MO_PATH = LOCALE_DIR / "django.mo"

MAKEMESSAGES = (
    "python manage.py makemessages --locale nb --no-obsolete --ignore=node_modules --ignore=.venv --ignore=staticfiles"
)
COMPILEMESSAGES = "python manage.py compilemessages --locale nb --ignore=.venv --ignore=node_modules"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|\{\{.*?\}\}|\{\w*\}")


def _label(entry):
    return f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid


def _listing(labels):
    return "\n".join(f"  - {label!r}" for label in labels)


def _entries(catalogue):
    """(context, msgid) -> the translation (a string, or a tuple of plural forms), as msgfmt compiles it."""
    entries = {}
    for entry in catalogue:
        # msgfmt leaves out the header, fuzzy and untranslated entries.
        if entry.msgid == "" or getattr(entry, "obsolete", False) or "fuzzy" in getattr(entry, "flags", ()):
            continue
        if not (entry.msgstr or entry.msgstr_plural.get(0)):
            continue
        if entry.msgid_plural:
            value = tuple(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
        else:
            value = entry.msgstr
        entries[(entry.msgctxt or "", entry.msgid)] = value
    return entries


@pytest.fixture(scope="module")
def po():
    assert PO_PATH.exists(), f"{PO_PATH} is missing. Create it with: {MAKEMESSAGES}"
    return polib.pofile(str(PO_PATH))


def test_catalogue_header_declares_bokmal_with_two_plural_forms(po):
    assert po.metadata.get("Language") == "nb", f"Language header is {po.metadata.get('Language')!r}, not 'nb'"
    plural_forms = po.metadata.get("Plural-Forms", "").replace(" ", "")
    assert plural_forms.rstrip(";") == "nplurals=2;plural=(n!=1)", f"Plural-Forms header is {plural_forms!r}"
    assert not po.metadata_is_fuzzy, "The catalogue header is marked fuzzy; remove '#, fuzzy' above it."


def test_every_entry_is_translated_and_none_is_fuzzy(po):
    live = [entry for entry in po if not entry.obsolete]
    fuzzy = [_label(entry) for entry in live if "fuzzy" in entry.flags]
    untranslated = []
    for entry in live:
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(index, "") for index in range(2)]
            if not all(form.strip() for form in forms) or len(entry.msgstr_plural) != 2:
                untranslated.append(f"{_label(entry)} (plural forms: {forms})")
        elif not entry.msgstr.strip():
            untranslated.append(_label(entry))
    problems = []
    if untranslated:
        problems.append(f"{len(untranslated)} untranslated entries in {PO_PATH.name}:\n{_listing(untranslated)}")
    if fuzzy:
        problems.append(
            f"{len(fuzzy)} fuzzy entries (check the translation, then remove '#, fuzzy'):\n{_listing(fuzzy)}"
        )
    assert not problems, "\n".join(problems) + f"\nThen compile: {COMPILEMESSAGES}"


def test_translations_keep_every_placeholder_of_the_source(po):
    wrong = []
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        if entry.msgid_plural:
            pairs = [
                (entry.msgid, entry.msgstr_plural.get(0, "")),
                (entry.msgid_plural, entry.msgstr_plural.get(1, "")),
            ]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, translation in pairs:
            if translation and sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
                wrong.append(f"{source!r} -> {translation!r}")
    assert not wrong, "Translations whose placeholders differ from the English source:\n" + _listing(wrong)


def test_compiled_catalogue_matches_the_po_file(po):
    assert MO_PATH.exists(), f"{MO_PATH} is missing. Compile it with: {COMPILEMESSAGES}"
    expected = _entries(po)
    compiled = _entries(polib.mofile(str(MO_PATH)))
    missing = sorted(msgid for (_, msgid) in expected.keys() - compiled.keys())
    stale = sorted(msgid for (_, msgid) in compiled.keys() - expected.keys())
    different = sorted(key[1] for key, value in expected.items() if key in compiled and compiled[key] != value)
    problems = []
    if missing:
        problems.append(f"In django.po but not in django.mo:\n{_listing(missing)}")
    if stale:
        problems.append(f"In django.mo but no longer in django.po:\n{_listing(stale)}")
    if different:
        problems.append(f"Translated differently in django.mo and django.po:\n{_listing(different)}")
    assert not problems, "django.mo is stale.\n" + "\n".join(problems) + f"\nRecompile it with: {COMPILEMESSAGES}"


def _main_heading(response):
    match = re.search(r"<h1\b[^>]*>(.*?)</h1>", response.content.decode(), re.S)
    assert match, "The page has no <h1>"
    return match.group(1).strip()


@pytest.mark.django_db
def test_front_page_is_in_bokmal_by_default_and_in_english_after_switching_language(client):
    sync_portal_pages()
    response = client.get("/")
    assert response.status_code == 200
    assert 'lang="nb"' in response.content.decode()
    assert _main_heading(response) == "Karriereveiledning for alle i Norge"
    assert "Logg inn" in response.content.decode()

    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert switched.status_code == 302

    response = client.get("/")
    assert 'lang="en"' in response.content.decode()
    assert _main_heading(response) == "Career guidance for everyone in Norway"
    assert "Log in" in response.content.decode()
