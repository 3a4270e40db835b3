from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from accounts.personal_data import register_personal_data
        from core.demo import register_demo_seeder
        from core.navigation import Menu, register_nav
        from core.status import register_tones
        from events import navigation, selectors
        from events.models import CalendarFeed, Event, EventMessage, EventStatus, Registration
        from events.navigation import attention_items, staff_section
        from events.overview import event_figures
        from notifications.kinds import register_kind
        from register.attention import register_attention
        from register.overview.sections import register_overview
        from register.staff_sections import register_staff_section

        register_staff_section("events", staff_section)
        register_nav(Menu.PUBLIC, "events", navigation.public_items)
        register_nav(Menu.WORKSPACE, "events", navigation.workspace_items)
        register_tones(
            "event", {EventStatus.DRAFT: "neutral", EventStatus.PUBLISHED: "success", EventStatus.CANCELLED: "danger"}
        )
        register_attention("events", attention_items)
        register_demo_seeder("seed_events_demo", order=30, options=lambda options: {"scale": options["scale"]})

        register_kind("events.registration", _("Your registrations: confirmed, waiting list and promotions"))
        register_kind("events.change", _("Changes to and cancellations of events you are registered for"))
        register_kind("events.reminder", _("Reminders two days before an event"))
        register_kind("events.message", _("Messages from the organisers of events you attend"))

        register_personal_data(
            "events",
            selectors.personal_data,
            covers=[(Registration, "user"), (CalendarFeed, "user"), (Event, "created_by"), (EventMessage, "sender")],
        )
        register_overview("events", event_figures)
