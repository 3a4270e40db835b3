from django.urls import path

from register.views import audits, centre, counsellor, organisation, verify

urlpatterns = [
    path("sentre/", organisation.centre_list, name="centre_list"),
    path("sentre/<slug:slug>/", organisation.centre_detail, name="centre_detail"),
    path("min-side/", organisation.dashboard, name="dashboard"),
    path("profil/", organisation.profile_edit, name="profile"),
    path("staff/", organisation.staff_home, name="staff_home"),
    path("staff/sentre/<slug:slug>/", organisation.centre_staff, name="centre_staff"),
    path("staff/sentre/<slug:slug>/roller/<int:pk>/fjern/", organisation.membership_revoke, name="membership_revoke"),
    # The counsellor's own competence (register/views/counsellor.py).
    path("kompetanse/", counsellor.competence, name="competence"),
    path("kompetanse/studiepoeng/ny/", counsellor.credit_create, name="credit_create"),
    path("kompetanse/studiepoeng/<int:pk>/", counsellor.credit_detail, name="credit_detail"),
    path("kompetanse/studiepoeng/<int:pk>/endre/", counsellor.credit_edit, name="credit_edit"),
    path("kompetanse/studiepoeng/<int:pk>/send-igjen/", counsellor.credit_resubmit, name="credit_resubmit"),
    path("kompetanse/studiepoeng/<int:pk>/slett/", counsellor.credit_delete, name="credit_delete"),
    path("kompetanse/etterutdanning/ny/", counsellor.cpd_create, name="cpd_create"),
    path("kompetanse/etterutdanning/<int:pk>/", counsellor.cpd_detail, name="cpd_detail"),
    path("kompetanse/etterutdanning/<int:pk>/endre/", counsellor.cpd_edit, name="cpd_edit"),
    path("kompetanse/etterutdanning/<int:pk>/slett/", counsellor.cpd_delete, name="cpd_delete"),
    path("kompetanse/egenvurdering/", counsellor.self_assessment, name="self_assessment"),
    path("kompetanse/erklaeringer/", counsellor.statement_list, name="statement_list"),
    path("kompetanse/erklaeringer/<int:pk>/", counsellor.statement_detail, name="statement_detail"),
    path("kompetanse/erklaeringer/<int:pk>/pdf/", counsellor.statement_pdf, name="statement_pdf"),
    path("kompetanse/erklaeringer/<int:pk>/trekk-tilbake/", counsellor.statement_revoke, name="statement_revoke"),
    path("hjemmesenter/", counsellor.home_centre, name="home_centre"),
    path("min-side/mine-data/", counsellor.my_data, name="my_data"),
    path("min-side/slett-konto/", counsellor.account_delete, name="account_delete"),
    # Evidence files, served only after a permission check (register/views/centre.py).
    path("dokumentasjon/studiepoeng/<int:pk>/", centre.credit_evidence, name="credit_evidence"),
    path("dokumentasjon/studiepoeng/<int:pk>/vis/", centre.credit_evidence_preview, name="credit_evidence_preview"),
    path("dokumentasjon/etterutdanning/<int:pk>/", centre.cpd_evidence, name="cpd_evidence"),
    path("dokumentasjon/etterutdanning/<int:pk>/vis/", centre.cpd_evidence_preview, name="cpd_evidence_preview"),
    # Centre staff (register/views/centre.py).
    path("staff/godkjenning/", centre.verification_queue, name="verification_queue"),
    path("staff/godkjenning/<int:pk>/", centre.verification_detail, name="verification_detail"),
    path("staff/godkjenning/etterutdanning/<int:pk>/", centre.cpd_verification, name="cpd_verification"),
    path("staff/sentre/<slug:slug>/nettverk/", centre.centre_network, name="centre_network"),
    path("staff/sentre/<slug:slug>/hjemmesenter/<int:pk>/", centre.home_centre_decision, name="home_centre_decision"),
    path("staff/sentre/<slug:slug>/nettverk/<int:user_pk>/", centre.network_counsellor, name="network_counsellor"),
    path(
        "staff/sentre/<slug:slug>/nettverk/<int:user_pk>/avslutt/",
        centre.network_affiliation_end,
        name="network_affiliation_end",
    ),
    # Public check of statement codes (register/views/verify.py).
    path("kompetanse/revisjon/<int:pk>/", audits.audit_item, name="audit_item"),
    path("dokumentasjon/revisjon/<int:pk>/", audits.audit_evidence, name="audit_evidence"),
    path("dokumentasjon/revisjon/<int:pk>/vis/", audits.audit_evidence_preview, name="audit_evidence_preview"),
    path("staff/revisjon/<int:pk>/", audits.audit_decide, name="audit_decide"),
    path("staff/sentre/<slug:slug>/revisjon/", audits.audit_rounds, name="audit_rounds"),
    path("staff/sentre/<slug:slug>/revisjon/trekk/", audits.audit_draw, name="audit_draw"),
    path("staff/sentre/<slug:slug>/revisjon/<int:pk>/", audits.audit_round, name="audit_round"),
    path("verify/", verify.verify, name="verify"),
    path("verify/<str:code>/", verify.verify_code, name="verify_code"),
]
