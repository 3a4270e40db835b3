"""One colour per meaning for status tags, the same on every page (``{% status_tag %}`` in core.templatetags).

The words of a tag carry its meaning; the colour repeats it, and always means the same:

- ``success``: done and in order (verified, confirmed, published, valid);
- ``info``: waiting for someone else (pending, submitted);
- ``warning``: waiting for the reader, or about to run out (more information needed, meets until a date);
- ``danger``: refused, failed or stopped (rejected, not confirmed, lapsed, cancelled, revoked);
- ``neutral``: not started or no longer in force (draft, expired, self-declared).

Each app names its states' tones in its ``AppConfig.ready`` (``register_tones``), so a state read by a
counsellor and by a verifier has one colour.
"""

from collections.abc import Mapping
from typing import Literal

Tone = Literal["success", "info", "warning", "danger", "neutral"]
TONES: tuple[Tone, ...] = ("success", "info", "warning", "danger", "neutral")

_tones: dict[str, dict[str, Tone]] = {}


def register_tones(kind: str, tones: Mapping[str, Tone]) -> None:
    """The tone of each state of ``kind`` (a credit's status, an event's status, ...)."""
    unknown = set(tones.values()) - set(TONES)
    if unknown:
        raise ValueError(f"Unknown tones for {kind}: {sorted(unknown)}")
    _tones[kind] = dict(tones)


def tone_of(kind: str, state: str) -> Tone:
    """The state's tone; a kind or state nobody registered is a programming error, not a grey tag."""
    return _tones[kind][state]


def registered_tones() -> dict[str, dict[str, Tone]]:
    return {kind: dict(tones) for kind, tones in _tones.items()}
