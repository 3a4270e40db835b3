from allauth.account.adapter import DefaultAccountAdapter

from accounts.tasks import send_email


class AccountAdapter(DefaultAccountAdapter):
    """Sends allauth's e-mails (verification, password reset) through the task queue."""

    def send_mail(self, template_prefix, email, context):
        message = self.render_mail(template_prefix, email, context)
        html = None
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = content
        send_email.enqueue(to=list(message.to), subject=message.subject, body=message.body, html=html)
