from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation

from accounts.tasks import send_email


class AccountAdapter(DefaultAccountAdapter):
    """Sends allauth's e-mails (verification, password reset) through the task queue. A new account gets the name
    and forum handle from the sign-up form, and the page's language for its notices and e-mails."""

    def save_user(self, request, user, form, commit=True):
        # Before the first save, which makes a handle from the name unless one was chosen.
        user.language = translation.get_language()
        user.full_name = form.cleaned_data.get("full_name", "")
        user.handle = form.cleaned_data.get("handle", "")
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        # The same context allauth's own send_mail gives its templates ("Hello from {{ site }}").
        request = allauth_context.request
        context = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        message = self.render_mail(template_prefix, email, context)
        html = None
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = content
        send_email.enqueue(to=list(message.to), subject=message.subject, body=message.body, html=html)
