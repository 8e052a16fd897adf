"""Knelpunt groups and structurele signalen (DESIGN §9).

Knelpunten of different cases are the same blockage when they share kind, organisation and legal
basis (or, without a legal basis, the rule written in words). `deel_in` puts a knelpunt in the
group of its key; the OMO-functionaris can link it into another group by hand (`koppel`) and undo
that (`ontkoppel`). Every change recounts the groups involved under a row lock:
`aantal_casussen` counts distinct cases, so two knelpunten of one case count once.

A group that reaches `SIGNAAL_DREMPEL` cases becomes a structureel signaal: `signaal_sinds` is set
once (a conditional UPDATE under the row lock) and every active omo and beleid user gets one
notification (key `signaal-<pk>`, so a retry or a second run never sends it twice).

Decision: a signal is never withdrawn. When the count later drops (a knelpunt is removed or
linked elsewhere), `signaal_sinds` stays: the signal was raised and may already feed a patroon or
a report; the page shows the current number of cases next to it.

Casussen does not import rapportage: `RapportageConfig.ready()` connects the receivers at the
bottom of this module to the saves and deletes of `casussen.Knelpunt`; they run in the same
transaction as the save.
"""

import re

from django.db import IntegrityError, transaction
from django.db.models import Count, Min, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casussen.models import Knelpunt, Status
from omo.services import notify
from omo.toegang import vereis, wie_mag
from omo.weigering import Weigering
from rapportage.models import SIGNAAL_DREMPEL, Knelpuntgroep, KnelpuntIndeling

_WITRUIMTE = re.compile(r"\s+")
# The fields of a knelpunt that decide its group: a save that touches none of them needs no work.
SLEUTELVELDEN = frozenset({"soort", "organisatie", "organisatie_id", "grondslag", "grondslag_id", "regel"})


def normaliseer_regel(regel: str | None) -> str:
    """Lowercase, whitespace collapsed: "Kostendelersnorm  Art. 22a" == "kostendelersnorm art. 22a"."""
    return _WITRUIMTE.sub(" ", regel or "").strip().lower()


def sleutel(soort: str, organisatie_id, grondslag_id, regel: str | None) -> str:
    """The key of the automatic group. The rule counts only when there is no legal basis."""
    regel_deel = "" if grondslag_id else normaliseer_regel(regel)
    return f"{soort}|{organisatie_id or ''}|{grondslag_id or ''}|{regel_deel}"[:400]


def sleutel_van(knelpunt) -> str:
    return sleutel(knelpunt.soort, knelpunt.organisatie_id, knelpunt.grondslag_id, knelpunt.regel)


def soort_label(soort: str) -> str:
    return str(dict(Knelpunt.Soort.choices).get(soort, soort))


def omschrijving(groep) -> str:
    """Kind, organisation and legal basis or rule of a group: no personal data (used in the
    notification, the CSV export and the choice lists)."""
    delen = [soort_label(groep.soort)]
    if groep.organisatie_id:
        delen.append(groep.organisatie.naam)
    if groep.grondslag_id:
        delen.append(str(groep.grondslag))
    elif groep.regel:
        delen.append(groep.regel)
    return " · ".join(delen)


def _pk(obj_of_pk):
    return getattr(obj_of_pk, "pk", obj_of_pk)


# --- Grouping --------------------------------------------------------------------------------


def _automatische_groep(knelpunt) -> Knelpuntgroep:
    """The group of the knelpunt's key, made when it does not exist (race-safe: the unique key
    decides; the loser of a race reads the winner's row)."""
    key = sleutel_van(knelpunt)
    groep = Knelpuntgroep.objects.filter(sleutel=key).first()
    if groep is not None:
        return groep
    try:
        with transaction.atomic():
            return Knelpuntgroep.objects.create(
                sleutel=key,
                soort=knelpunt.soort,
                organisatie_id=knelpunt.organisatie_id,
                grondslag_id=knelpunt.grondslag_id,
                regel="" if knelpunt.grondslag_id else _WITRUIMTE.sub(" ", knelpunt.regel or "").strip()[:200],
            )
    except IntegrityError:
        return Knelpuntgroep.objects.get(sleutel=key)


@transaction.atomic
def deel_in(knelpunt) -> Knelpuntgroep:
    """Put `knelpunt` in the group of its key (unless it was linked by hand) and recount the
    groups it left and joined. Idempotent: running it twice changes nothing more."""
    indeling = KnelpuntIndeling.objects.select_for_update().filter(knelpunt_id=knelpunt.pk).first()
    if indeling is not None and indeling.handmatig:
        hertel([indeling.groep_id])
        return indeling.groep
    groep = _automatische_groep(knelpunt)
    oud = None
    if indeling is None:
        indeling, gemaakt = KnelpuntIndeling.objects.get_or_create(knelpunt_id=knelpunt.pk, defaults={"groep": groep})
        if not gemaakt:  # made by a concurrent deel_in of the same knelpunt in the meantime
            indeling = KnelpuntIndeling.objects.select_for_update().get(pk=indeling.pk)
            if indeling.handmatig:
                hertel([indeling.groep_id])
                return indeling.groep
    if indeling.groep_id != groep.pk:
        oud = indeling.groep_id
        indeling.groep = groep
        indeling.save(update_fields=["groep", "gekoppeld_op"])
    hertel([oud, groep.pk])
    return groep


def hertel(groep_ids, melden: bool = True) -> list[Knelpuntgroep]:
    """Recount the groups `groep_ids` under a row lock (in pk order, so two recounts never
    deadlock) and raise the signal of a group that reached the threshold. Call inside a
    transaction."""
    ids = sorted({i for i in groep_ids if i})
    if not ids:
        return []
    groepen = list(
        Knelpuntgroep.objects.select_for_update(of=("self",))
        .select_related("organisatie", "grondslag")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    # Counted after the lock: every concurrent change to these groups has committed by now.
    tellingen = dict(
        KnelpuntIndeling.objects.filter(groep_id__in=ids)
        .exclude(knelpunt__casus__status=Status.VERVALLEN)
        .values("groep_id")
        .annotate(n=Count("knelpunt__casus_id", distinct=True))
        .values_list("groep_id", "n")
    )
    for groep in groepen:
        aantal = tellingen.get(groep.pk, 0)
        if aantal != groep.aantal_casussen:
            Knelpuntgroep.objects.filter(pk=groep.pk).update(aantal_casussen=aantal)
            groep.aantal_casussen = aantal
        if aantal >= SIGNAAL_DREMPEL and groep.signaal_sinds is None:
            nu = timezone.now()
            # Conditional: only the first recount that sees the threshold raises the signal.
            if Knelpuntgroep.objects.filter(pk=groep.pk, signaal_sinds__isnull=True).update(signaal_sinds=nu):
                groep.signaal_sinds = nu
                if melden:
                    _meld_signaal(groep)
    return groepen


def ontvangers():
    """Everyone who is told about a new structureel signaal: who may see the signals."""
    return wie_mag("rapportage.zie_signalen")


def _meld_signaal(groep: Knelpuntgroep) -> None:
    tekst = _("Nieuw structureel signaal: %(knelpunt)s speelt in %(aantal)d casussen.") % {
        "knelpunt": omschrijving(groep),
        "aantal": groep.aantal_casussen,
    }
    link = reverse("signaal_detail", args=[groep.pk])
    for user in ontvangers():
        notify(user, tekst, link, key=f"signaal-{groep.pk}", doel=("rapportage.zie_signalen", None))


# --- Linking by hand (the OMO-functionaris) ----------------------------------------------------


def _mag_koppelen(user):
    vereis(user, "rapportage.koppel_knelpunten",
           melding=_("Alleen de OMO-functionaris koppelt knelpunten aan een andere groep."))


@transaction.atomic
def koppel(user, knelpunt, groep) -> KnelpuntIndeling:
    """Link `knelpunt` into the existing group `groep` by hand; both groups are recounted."""
    _mag_koppelen(user)
    knelpunt = Knelpunt.objects.filter(pk=_pk(knelpunt)).first()
    if knelpunt is None:
        raise Weigering(_("Dit knelpunt bestaat niet (meer)."), "knelpunt")
    doel = Knelpuntgroep.objects.filter(pk=_pk(groep)).first()
    if doel is None:
        raise Weigering(_("Deze groep bestaat niet (meer)."), "groep")
    deel_in(knelpunt)  # makes sure it has an indeling to move
    indeling = KnelpuntIndeling.objects.select_for_update().get(knelpunt_id=knelpunt.pk)
    if indeling.groep_id == doel.pk:
        raise Weigering(_("Dit knelpunt zit al in deze groep."), "groep")
    oud = indeling.groep_id
    indeling.groep = doel
    indeling.handmatig = True
    indeling.gekoppeld_door = user
    indeling.save()
    hertel([oud, doel.pk])
    return indeling


@transaction.atomic
def ontkoppel(user, knelpunt) -> Knelpuntgroep:
    """Undo a link by hand: the knelpunt returns to the group of its own key."""
    _mag_koppelen(user)
    knelpunt = Knelpunt.objects.filter(pk=_pk(knelpunt)).first()
    if knelpunt is None:
        raise Weigering(_("Dit knelpunt bestaat niet (meer)."), "knelpunt")
    indeling = KnelpuntIndeling.objects.select_for_update().filter(knelpunt_id=knelpunt.pk).first()
    if indeling is None or not indeling.handmatig:
        raise Weigering(_("Dit knelpunt is niet met de hand gekoppeld; er is niets veranderd."), "knelpunt")
    indeling.handmatig = False
    indeling.gekoppeld_door = None
    indeling.save(update_fields=["handmatig", "gekoppeld_door", "gekoppeld_op"])
    return deel_in(knelpunt)


# --- Existing knelpunten (backfill) ------------------------------------------------------------


def indelen_alle(knelpunt_model=None, groep_model=None, indeling_model=None) -> int:
    """Put every knelpunt without a group in the group of its key, in bulk, without
    notifications; idempotent (a second run finds nothing to do). A group that reaches the
    threshold gets `signaal_sinds` = when its third case's first knelpunt was recorded.

    Used by the data migration (with its historical models) and by loaders that bulk-create
    knelpunten (bulk_create sends no signals). Returns the number of knelpunten placed."""
    knelpunt_model = knelpunt_model or Knelpunt
    groep_model = groep_model or Knelpuntgroep
    indeling_model = indeling_model or KnelpuntIndeling
    with transaction.atomic():
        rijen = list(
            knelpunt_model.objects.filter(indeling__isnull=True)
            .order_by("pk")
            .values_list("pk", "soort", "organisatie_id", "grondslag_id", "regel")
        )
        if not rijen:
            return 0
        sleutels = {}
        for pk, soort, organisatie_id, grondslag_id, regel in rijen:
            key = sleutel(soort, organisatie_id, grondslag_id, regel)
            sleutels.setdefault(key, (soort, organisatie_id, grondslag_id, regel, []))[4].append(pk)
        groep_model.objects.bulk_create(
            [
                groep_model(
                    sleutel=key, soort=soort, organisatie_id=org, grondslag_id=gr,
                    regel="" if gr else _WITRUIMTE.sub(" ", regel or "").strip()[:200],
                )
                for key, (soort, org, gr, regel, _pks) in sleutels.items()
            ],
            ignore_conflicts=True,
            batch_size=1000,
        )
        groep_ids = {}
        keys = list(sleutels)
        for i in range(0, len(keys), 1000):
            groep_ids.update(groep_model.objects.filter(sleutel__in=keys[i : i + 1000]).values_list("sleutel", "pk"))
        indeling_model.objects.bulk_create(
            [indeling_model(knelpunt_id=pk, groep_id=groep_ids[key]) for key, v in sleutels.items() for pk in v[4]],
            ignore_conflicts=True,
            batch_size=1000,
        )
        telling = (
            indeling_model.objects.filter(groep=OuterRef("pk"))
            .exclude(knelpunt__casus__status=Status.VERVALLEN)
            .order_by()
            .values("groep")
            .annotate(n=Count("knelpunt__casus_id", distinct=True))
            .values("n")
        )
        groep_model.objects.update(aantal_casussen=Coalesce(Subquery(telling), 0))
        nieuw = list(
            groep_model.objects.filter(aantal_casussen__gte=SIGNAAL_DREMPEL, signaal_sinds__isnull=True)
            .values_list("pk", flat=True)
        )
        if nieuw:
            eerste = {}
            for groep_id, _casus, moment in (
                indeling_model.objects.filter(groep_id__in=nieuw)
                .values("groep_id", "knelpunt__casus_id")
                .annotate(eerste=Min("knelpunt__aangemaakt_op"))
                .values_list("groep_id", "knelpunt__casus_id", "eerste")
            ):
                eerste.setdefault(groep_id, []).append(moment)
            for groep_id, momenten in eerste.items():
                sinds = sorted(momenten)[SIGNAAL_DREMPEL - 1] if len(momenten) >= SIGNAAL_DREMPEL else None
                groep_model.objects.filter(pk=groep_id, signaal_sinds__isnull=True).update(
                    signaal_sinds=sinds or timezone.now()
                )
        return len(rijen)


# --- Receivers (connected in RapportageConfig.ready) -------------------------------------------


def na_opslaan(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if not created and update_fields is not None and not (set(update_fields) & SLEUTELVELDEN):
        return
    deel_in(instance)


def voor_verwijderen(sender, instance, **kwargs):
    # The indeling is deleted with the knelpunt (cascade): remember the group to recount it after.
    instance._omo_groep_id = (
        KnelpuntIndeling.objects.filter(knelpunt_id=instance.pk).values_list("groep_id", flat=True).first()
    )


def na_verwijderen(sender, instance, **kwargs):
    groep_id = getattr(instance, "_omo_groep_id", None)
    if groep_id:
        with transaction.atomic():
            hertel([groep_id])


def bij_vervallen(casus, user, reden) -> None:
    """A case declared vervallen no longer counts towards a structureel signaal: recount the
    groups of its knelpunten (a signal once raised stays raised, as with any recount)."""
    hertel(KnelpuntIndeling.objects.filter(knelpunt__casus_id=casus.pk).values_list("groep_id", flat=True),
           melden=False)
