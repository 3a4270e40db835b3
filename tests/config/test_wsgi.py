"""The WSGI entry point gunicorn loads."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

LOAD = """
import gc, sys
import config.wsgi
print(gc.get_freeze_count(), "register.views.centre" in sys.modules, "forum.views" in sys.modules)
"""


def test_loading_the_application_loads_every_view_and_freezes_it_out_of_garbage_collection():
    assert subprocess.run(
        [sys.executable, "-c", "import gc; print(gc.get_freeze_count())"], capture_output=True, text=True, check=True
    ).stdout.split() == ["0"]

    result = subprocess.run([sys.executable, "-c", LOAD], cwd=ROOT, capture_output=True, text=True, check=True)

    frozen, centre_views, forum_views = result.stdout.split()
    assert int(frozen) > 100_000  # Django, Wagtail and the project's modules: about 190,000 objects
    assert (centre_views, forum_views) == ("True", "True")
