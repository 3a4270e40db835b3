"""``UNSET``: the default of a service's optional field parameters.

A partial update (an API PATCH, a profile saved with some fields) must tell "leave this field as
it is" from "set it to None", so those parameters default to ``UNSET`` rather than to None.
"""

import enum
from typing import Final


class Unset(enum.Enum):
    UNSET = "UNSET"

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = Unset.UNSET
