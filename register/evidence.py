"""Evidence files: private storage and content checks.

Evidence is stored in the "private" storage of ``STORAGES``: a folder, PRIVATE_MEDIA_ROOT, that no
URL serves, or with S3_BUCKET set the bucket's ``private/`` objects, which nobody may read without
the credentials (config/settings.py). The only way to read a file is a view that checks permission.
The type is decided by the file's first bytes, not its name: a name that says another type is
refused, and the stored and served names end in the extension of the type found (so ``poly.html``
holding a PDF can never be stored or served as HTML).
"""

import os
import uuid
from pathlib import PurePath
from typing import cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.deconstruct import deconstructible
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024

# Leading bytes of each accepted type.
SIGNATURES = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
}
# The extension each type is stored and served with, and the ones a file name may end in.
EXTENSIONS = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}
NAME_EXTENSIONS = {"application/pdf": {".pdf"}, "image/png": {".png"}, "image/jpeg": {".jpg", ".jpeg"}}


PRIVATE_STORAGE_ALIAS = "private"


@deconstructible
class PrivateStorage(FileSystemStorage):
    """The local-disk backend of the "private" storage: files under PRIVATE_MEDIA_ROOT, with no URL."""

    def __init__(self):
        super().__init__(base_url=None)

    # Read the setting on every use rather than once at import, so a changed
    # PRIVATE_MEDIA_ROOT (tests, override_settings) is honoured.
    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a permission-checked view.")


class _PrivateStorage(LazyObject):
    """The "private" storage of ``STORAGES``, looked up when first used, the way ``default_storage`` is."""

    def _setup(self):
        self._wrapped = storages[PRIVATE_STORAGE_ALIAS]


private_storage = _PrivateStorage()


@receiver(setting_changed)
def _forget_private_storage(*, setting, **kwargs):
    # Django's own handler forgets the storages it made; this one lets go of ours (tests switch backends).
    if setting == "STORAGES":
        private_storage._wrapped = empty


def get_private_storage() -> Storage:
    """The evidence fields' ``storage``. A callable, so the field follows ``STORAGES`` (local disk or a
    bucket) and the migrations name this function rather than a backend."""
    return cast(Storage, private_storage)  # a lazy proxy of one


def private_storage_check() -> None:
    """For ``/readyz/``: write a tiny file to the private storage, read it back and delete it; raise if a step fails."""
    name = private_storage.save(f"readyz-{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with private_storage.open(name) as written:
            if written.read() != b"ok":
                raise OSError("the file written was not read back")
    finally:
        private_storage.delete(name)


def sniff_content_type(uploaded):
    """Return the content type given by the file's first bytes, or None if it is not accepted."""
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    for content_type, signatures in SIGNATURES.items():
        if any(head.startswith(signature) for signature in signatures):
            return content_type
    return None


def validate_evidence(uploaded):
    """Raise ValidationError unless the upload is a PDF, PNG or JPEG of at most 10 MB.

    Returns the content type decided by the content.
    """
    name = uploaded.name or ""
    if "/" in name or "\\" in name or ".." in PurePath(name).parts or name.startswith("."):
        raise ValidationError(_("The file name is not allowed. Rename the file and try again."), code="bad_name")
    if uploaded.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(_("The file is larger than 10 MB. Upload a smaller file."), code="too_large")
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    content_type = sniff_content_type(uploaded)
    if content_type is None:
        raise ValidationError(
            _("Only PDF, PNG and JPEG files are accepted. This file is not one of those, whatever its name says."),
            code="bad_type",
        )
    suffix = PurePath(name).suffix.lower()
    if suffix and suffix not in NAME_EXTENSIONS[content_type]:
        raise ValidationError(
            _("The file name ends in %(suffix)s, but the file is a %(kind)s. Give it the right name and try again.")
            % {"suffix": suffix, "kind": EXTENSIONS[content_type].lstrip(".").upper()},
            code="name_type_mismatch",
        )
    return content_type


def evidence_file_name(uploaded_name, content_type):
    """The name shown and served for a file: the uploaded name with the extension of its type."""
    stem = PurePath(uploaded_name or "").stem or "evidence"
    extension = EXTENSIONS[content_type]
    return f"{stem[: 255 - len(extension)]}{extension}"


def evidence_upload_to(instance, filename):
    """Files are stored under a random name ending in the extension of the type found in them."""
    return f"evidence/{instance.owner_id}/{uuid.uuid4().hex}{EXTENSIONS.get(instance.evidence_type, '')}"
