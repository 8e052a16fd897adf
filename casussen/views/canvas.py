"""The maatwerk canvas: read all sections, edit one section (htmx in place, or a full page),
autosave the typed text as a server-side concept, discard that concept."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from casussen.forms.canvas import GEEN_CANVAS, SECTIES, parse_gezien_op, sectie_form
from casussen.models import Canvas
from casussen.queries import canvas as queries
from casussen.services import canvas as services
from casussen.views.common import casus_voor
from omo.toegang import mag
from omo.weigering import Weigering


def _sectie(slug):
    sectie = SECTIES.get(slug)
    if sectie is None:
        raise Http404
    return sectie


def _mag_bewerken(request, casus) -> bool:
    return casus.is_open and mag(request.user, "casussen.bewerk_casus", casus)


def _tijd(moment) -> str:
    return formats.time_format(timezone.localtime(moment), "H:i")


def _moment(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y \\o\\m H:i")


def _gezien_op(canvas) -> str:
    return canvas.gewijzigd_op.isoformat() if canvas is not None else GEEN_CANVAS


def _lees_fragment(request, casus, sectie, canvas=None, status=""):
    concept = queries.concept_van(casus, sectie, request.user) if casus.is_open else None
    context = {
        "casus": casus,
        "s": queries.sectie_weergave(canvas, sectie, concept),
        "mag_bewerken": _mag_bewerken(request, casus),
        "status_tekst": status,
    }
    return render(request, "casussen/canvas/_sectie_lezen.html", context)


def _form_context(
    request, casus, sectie, form, canvas, *, concept=None, fout="", andere=None, door=None
):
    andere = andere or {}
    velden = [(form[naam], andere.get(naam)) for naam in sectie.velden]
    return {
        "casus": casus,
        "sectie": sectie,
        "form": form,
        "velden": velden,
        "concept": concept,
        "concept_moment": _moment(concept.opgeslagen_op) if concept else "",
        "fout": fout,
        "conflict": bool(andere),
        "conflict_door": door,
        "toestemming": casus.get_toestemming_display() if sectie.slug == "betrokkenheid" else "",
        "tab": "canvas",
    }


def _toon_form(request, context, status=200):
    if request.htmx:
        return render(request, "casussen/canvas/_sectie_form.html", context, status=status)
    context["volledig"] = True
    return render(request, "casussen/canvas/sectie.html", context, status=status)


def _nieuw_form(request, casus, sectie):
    """The edit form as it opens: from this user's concept when there is an open one."""
    canvas = queries.canvas_van(casus)
    concept = queries.concept_van(casus, sectie, request.user)
    if queries.is_openstaand(concept, canvas, sectie):
        initial = {veld: concept.data.get(veld, "") for veld in sectie.velden}
        initial["gezien_op"] = concept.data.get("gezien_op") or _gezien_op(canvas)
    else:
        concept = None
        initial = queries.sectie_waarden(canvas, sectie)
        initial["gezien_op"] = _gezien_op(canvas)
    form = sectie_form(sectie, initial=initial)
    return _form_context(request, casus, sectie, form, canvas, concept=concept)


@require_GET
def canvas(request, pk):
    casus = casus_voor(request, pk)
    mag_bewerken = _mag_bewerken(request, casus)
    cv = queries.canvas_van(casus)
    concepten = queries.concepten_van(casus, request.user) if mag_bewerken else {}
    context = {
        "casus": casus,
        "tab": "canvas",
        "canvas": cv,
        "secties": queries.secties_weergave(cv, concepten),
        "mag_bewerken": mag_bewerken,
    }
    return render(request, "casussen/canvas/canvas.html", context)


@require_http_methods(["GET", "POST"])
def canvas_sectie(request, pk, sectie):
    casus = casus_voor(request, pk, bewerken=True)
    sectie = _sectie(sectie)
    canvas_url = reverse("canvas", args=[casus.pk]) + f"#sectie-{sectie.slug}"

    if request.method == "GET":
        if request.htmx and request.GET.get("weergave") == "lezen":
            return _lees_fragment(request, casus, sectie, queries.canvas_van(casus))
        if not casus.is_open:
            melding = _("Deze casus is afgesloten; het canvas kan niet meer worden gewijzigd.")
            if request.htmx:
                return _lees_fragment(request, casus, sectie, queries.canvas_van(casus), melding)
            messages.error(request, melding)
            return redirect(canvas_url)
        return _toon_form(request, _nieuw_form(request, casus, sectie))

    form = sectie_form(sectie, data=request.POST)
    if not form.is_valid():
        _bewaar_stil(casus, sectie, request)
        context = _form_context(request, casus, sectie, form, queries.canvas_van(casus))
        return _toon_form(request, context)
    try:
        opgeslagen = services.sla_sectie_op(
            casus.pk,
            sectie.slug,
            request.user,
            form.sectie_data(),
            gezien_op=parse_gezien_op(form.cleaned_data.get("gezien_op")),
        )
    except services.Conflict as conflict:
        _bewaar_stil(casus, sectie, request)
        data = request.POST.copy()
        data[form.add_prefix("gezien_op")] = _gezien_op(conflict.canvas)
        form = sectie_form(sectie, data=data)
        form.is_valid()
        andere = queries.sectie_waarden(conflict.canvas, sectie)
        if "huishouden_betrokken" in andere and andere["huishouden_betrokken"]:
            andere["huishouden_betrokken"] = Canvas.Betrokken(andere["huishouden_betrokken"]).label
        context = _form_context(
            request,
            casus,
            sectie,
            form,
            conflict.canvas,
            fout=conflict.message,
            andere={k: v or _("(leeg)") for k, v in andere.items()},
            door=conflict.door,
        )
        return _toon_form(request, context)
    except Weigering as weigering:
        context = _form_context(request, casus, sectie, form, None, fout=weigering.message)
        return _toon_form(request, context)

    tekst = _("%(sectie)s is opgeslagen om %(tijd)s.") % {
        "sectie": sectie.titel,
        "tijd": _tijd(opgeslagen.gewijzigd_op),
    }
    if request.htmx:
        if request.POST.get("volledig"):
            messages.success(request, tekst)
            return HttpResponseClientRedirect(canvas_url)
        return _lees_fragment(request, casus, sectie, opgeslagen, tekst)
    messages.success(request, tekst)
    return redirect(canvas_url)


def _bewaar_stil(casus, sectie, request):
    """Keep what was typed as a concept when a save could not go through."""
    try:
        services.bewaar_concept(casus.pk, sectie.slug, request.user, request.POST)
    except Weigering:
        pass


@require_POST
def canvas_concept(request, pk, sectie):
    casus = casus_voor(request, pk, bewerken=True, log=False)
    sectie = _sectie(sectie)
    try:
        moment = services.bewaar_concept(casus.pk, sectie.slug, request.user, request.POST)
    except Weigering as weigering:
        tekst, fout = weigering.message, True
    else:
        tekst, fout = _("Concept opgeslagen om %(tijd)s") % {"tijd": _tijd(moment)}, False
    if not request.htmx:
        (messages.error if fout else messages.info)(request, tekst)
        return redirect("canvas_sectie", casus.pk, sectie.slug)
    return render(request, "casussen/canvas/_concept_status.html", {"tekst": tekst, "fout": fout})


@require_POST
def canvas_concept_verwerpen(request, pk, sectie):
    casus = casus_voor(request, pk, bewerken=True)
    sectie = _sectie(sectie)
    try:
        services.verwerp_concept(casus.pk, sectie.slug, request.user)
    except Weigering as weigering:
        if request.htmx:
            return _lees_fragment(
                request, casus, sectie, queries.canvas_van(casus), weigering.message
            )
        messages.error(request, weigering.message)
        return redirect("canvas", casus.pk)
    if request.htmx:
        return _toon_form(request, _nieuw_form(request, casus, sectie))
    messages.info(request, _("De niet-opgeslagen tekst is verwijderd."))
    return redirect("canvas_sectie", casus.pk, sectie.slug)


urlpatterns = [
    path("casussen/<int:pk>/canvas/", canvas, name="canvas"),
    path("casussen/<int:pk>/canvas/<slug:sectie>/", canvas_sectie, name="canvas_sectie"),
    path("casussen/<int:pk>/canvas/<slug:sectie>/concept/", canvas_concept, name="canvas_concept"),
    path(
        "casussen/<int:pk>/canvas/<slug:sectie>/concept/verwerpen/",
        canvas_concept_verwerpen,
        name="canvas_concept_verwerpen",
    ),
]
