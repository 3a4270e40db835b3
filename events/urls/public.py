from django.urls import path

from events.views import public

urlpatterns = [
    path("", public.event_list, name="list"),
    path("mine/", public.my_events, name="mine"),
    path("<int:pk>/", public.event_detail, name="detail"),
    path("<int:pk>/meld-pa/", public.register, name="register"),
    path("<int:pk>/meld-av/", public.cancel_registration, name="cancel_registration"),
    path("<int:pk>/kursbevis/", public.certificate, name="certificate"),
    path("<int:pk>/kursbevis/pdf/", public.certificate_pdf, name="certificate_pdf"),
]
