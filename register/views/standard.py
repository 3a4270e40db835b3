"""The national standard, managed by national admins: competence areas and requirement sets.

A requirement set in force is shown, never changed: the way to change the rules is a new set for a date.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from register.forms.standard import CompetenceAreaForm, RequirementSetForm
from register.models import AuditEntry, CompetenceArea, RequirementSet, WorkplaceType
from register.permissions import require_national_admin
from register.services import standard as services


@login_required
def standard_home(request):
    require_national_admin(request.user)
    today = timezone.localdate()
    sets = list(RequirementSet.objects.prefetch_related("required_areas").order_by("workplace_type", "-effective_from"))
    groups = []
    for value, label in WorkplaceType.choices:
        mine = [s for s in sets if s.workplace_type == value]
        in_force = next((s for s in mine if s.effective_from <= today), None)
        for requirement in mine:
            requirement.state = (
                "future" if requirement.effective_from > today else "in_force" if requirement == in_force else "earlier"
            )
        groups.append({"label": label, "sets": mine})
    history = AuditEntry.objects.filter(action__startswith="requirement_set.").select_related("actor")[:10]
    context = {"areas": CompetenceArea.objects.order_by("number"), "groups": groups, "history": history}
    return render(request, "register/standard/home.html", context)


@login_required
def area_edit(request, pk=None):
    require_national_admin(request.user)
    area = get_object_or_404(CompetenceArea, pk=pk) if pk is not None else CompetenceArea()
    form = CompetenceAreaForm(request.POST or None, instance=area)
    if request.method == "POST" and form.is_valid():
        services.competence_area_save(
            actor=request.user,
            area=area,
            cleaned=form.cleaned_data,
            changed=form.changed_data,
            is_new=pk is None,
        )
        messages.success(request, _("The competence area is saved."))
        return redirect("standard_home")
    heading = area.name if pk is not None else _("New competence area")
    return render(request, "register/standard/area_form.html", {"form": form, "heading": heading})


@login_required
def requirement_edit(request, pk=None):
    """A new set (optionally copied from another with ``?fra=``), or a set not yet in force."""
    require_national_admin(request.user)
    requirement = get_object_or_404(RequirementSet, pk=pk) if pk is not None else RequirementSet()
    if pk is not None and requirement.is_in_force_or_past:
        if request.method == "POST":
            raise PermissionDenied
        return render(request, "register/standard/requirement_detail.html", {"requirement": requirement})
    initial = {}
    source = request.GET.get("fra")
    if pk is None and source and source.isascii() and source.isdecimal():
        copied = RequirementSet.objects.filter(pk=source).first()
        if copied is not None:
            initial = {
                name: getattr(copied, name) for name in RequirementSetForm.Meta.fields if name != "required_areas"
            }
            initial["required_areas"] = list(copied.required_areas.all())
            initial["effective_from"] = None
    form = RequirementSetForm(request.POST or None, instance=requirement, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.requirement_set_save(
            actor=request.user,
            requirement=requirement,
            cleaned=form.cleaned_data,
            changed=form.changed_data,
            is_new=pk is None,
        )
        messages.success(
            request,
            _("The requirement set is saved. It takes effect on %(date)s.")
            % {"date": date_format(requirement.effective_from, "SHORT_DATE_FORMAT")},
        )
        return redirect("standard_home")
    context = {
        "form": form,
        "requirement": requirement if pk is not None else None,
        "heading": requirement.name if pk is not None else _("New requirement set"),
    }
    return render(request, "register/standard/requirement_form.html", context)


@login_required
@require_POST
def requirement_delete(request, pk):
    require_national_admin(request.user)
    requirement = get_object_or_404(RequirementSet, pk=pk)
    services.requirement_set_delete(actor=request.user, requirement=requirement)
    messages.success(request, _("The requirement set that had not taken effect is deleted."))
    return redirect("standard_home")
