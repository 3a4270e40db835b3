from django import template

from core.navigation import Menu, menu_items

register = template.Library()


@register.simple_tag(takes_context=True)
def header_menu(context: template.Context) -> dict[str, object]:
    """The header's menu: the workspace for professionals (anyone with an entry there), else the public one."""
    request = context.get("request")
    if request is None:
        return {"items": [], "workspace": False}
    workspace = menu_items(request, Menu.WORKSPACE)
    return {"items": workspace or menu_items(request, Menu.PUBLIC), "workspace": bool(workspace)}
