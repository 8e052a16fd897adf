"""Reads of the vernietigingslijst pages and the werkvoorraad: codes, dates and counts only,
never a case's content."""

from django.db.models import Count, Q, Sum

from privacy.models import Bewaarsoort, Vernietigingsitem, Vernietigingslijst

Besluit = Vernietigingsitem.Besluit


def lijsten():
    """Every list, newest first, with its items counted per decision and execution."""
    return Vernietigingslijst.objects.select_related("vastgesteld_door").annotate(
        aantal_posten=Count("items"),
        aantal_vernietigen=Count("items", filter=Q(items__besluit=Besluit.VERNIETIGEN)),
        aantal_aanhouden=Count("items", filter=Q(items__besluit=Besluit.AANHOUDEN)),
        aantal_vernietigd=Count("items", filter=Q(items__uitgevoerd_op__isnull=False)),
    ).order_by("-peildatum")


def wachtend():
    """The lists that wait for adoption: the werkvoorraad and the list page filtered on it."""
    return lijsten().filter(status=Vernietigingslijst.Status.VOORGESTELD)


def lijst(pk):
    return Vernietigingslijst.objects.select_related("vastgesteld_door").filter(pk=pk).first()


def items(lijst):
    """The items of one list, with the earlier hold's reason and who decided."""
    return (
        Vernietigingsitem.objects.filter(lijst=lijst)
        .select_related("vorig_item", "besloten_door")
        .order_by("soort", "einde_termijn", "pk")
    )


def item(pk):
    return Vernietigingsitem.objects.select_related("lijst", "vorig_item").filter(pk=pk).first()


def te_vernietigen(lijst) -> list[dict]:
    """Per kind of record: how many items and rows the adoption will destroy (or destroyed)."""
    labels = dict(Bewaarsoort.choices)
    rijen = (
        Vernietigingsitem.objects.filter(lijst=lijst, besluit=Besluit.VERNIETIGEN)
        .values("soort").annotate(posten=Count("pk"), regels=Sum("aantal")).order_by("soort")
    )
    return [{"soort": r["soort"], "label": labels.get(r["soort"], r["soort"]), "posten": r["posten"],
             "regels": r["regels"]} for r in rijen]
