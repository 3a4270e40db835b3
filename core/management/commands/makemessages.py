"""Django's ``makemessages``, which also collects the texts of ``core.phrases``' ``phrase`` and ``nphrase``."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=phrase", "--keyword=nphrase:1,2"]
