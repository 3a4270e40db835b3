"""The blocks editors build portal pages from. No raw HTML block: rich text is sanitised by Wagtail."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock

# Rich text features editors may use; Wagtail's whitelist keeps everything else out.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(label=_("Level"), choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))], default="h2")

    class Meta:
        icon = "title"
        template = "portal/blocks/heading.html"
        label = _("Heading")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=pgettext_lazy("portal block", "Quote"))
    source = blocks.CharBlock(label=_("Source"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "portal/blocks/quote.html"
        label = pgettext_lazy("portal block", "Quote")


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("info", _("Information")), ("success", _("Good to know")), ("warning", _("Important"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        template = "portal/blocks/callout.html"
        label = _("Call-out")


class LinkBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Link text"), max_length=200)
    page = blocks.PageChooserBlock(label=_("Page on this site"), required=False)
    url = blocks.URLBlock(label=_("Or an address"), required=False)

    class Meta:
        icon = "link"
        template = "portal/blocks/link.html"
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": blocks.BlockValidationError(_("Choose a page or give an address."))}
            )
        return value


class RequirementsBlock(blocks.StaticBlock):
    """The requirement sets in force, read live from the register."""

    class Meta:
        icon = "list-ul"
        template = "portal/blocks/requirements.html"
        label = _("Competence requirement in force (from the register)")
        admin_text = _("Shows the requirement sets in force today, from the competence register.")


class StandardBody(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES, template="portal/blocks/text.html")
    quote = QuoteBlock()
    callout = CalloutBlock()
    link = LinkBlock()
    table = TableBlock(label=_("Table"), template="portal/blocks/table.html")
    requirements = RequirementsBlock()
