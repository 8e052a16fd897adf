"""Who may use the report pages (DESIGN §2, §9, §10).

- omo: the dashboard with click-through to cases, every report (concept and definitief), writes
  and finalises reports, links knelpunten into groups, reads knelpunt descriptions;
- beleid: the dashboard (aggregates only), definitive reports, structurele signalen, patronen
  (owns and moves them through their phases);
- college: the dashboard (aggregates only), definitive reports, patronen (read).
Nobody else sees anything here. Beleid and college never see a case code, pseudonym, dossier
number or a knelpunt's free text.
"""

import rules
from django.db.models import Q

from omo import roles
from omo.rules import GEEN, heeft_rol, is_beleid, is_college, is_omo, onderwerp_tweeling, tweeling


@rules.predicate
def is_definitief(user, rapport):
    return rapport is not None and rapport.status == "definitief"


@rules.predicate
def is_concept(user, rapport):
    return rapport is not None and rapport.status == "concept"


rules.add_perm("rapportage.bekijk_dashboard", is_omo | is_beleid | is_college)
rules.add_perm("rapportage.naar_casussen", is_omo)
rules.add_perm("rapportage.zie_rapporten", is_omo | is_beleid | is_college)
rules.add_perm("rapportage.bekijk_rapport", is_omo | ((is_beleid | is_college) & is_definitief))
# Who is told that a report is definitief: the College and beleid.
rules.add_perm("rapportage.ontvang_rapport", (is_beleid | is_college) & is_definitief)
rules.add_perm("rapportage.download_rapport", (is_omo | is_beleid | is_college) & is_definitief)
rules.add_perm("rapportage.maak_rapport", is_omo)
rules.add_perm("rapportage.bewerk_rapport", is_omo & is_concept)
rules.add_perm("rapportage.corrigeer_rapport", is_omo & is_definitief)
rules.add_perm("rapportage.zie_signalen", is_omo | is_beleid)
rules.add_perm("rapportage.koppel_knelpunten", is_omo)
rules.add_perm("rapportage.lees_knelpunttekst", is_omo)
rules.add_perm("rapportage.zie_patronen", is_omo | is_beleid | is_college)
rules.add_perm("rapportage.beheer_patronen", is_omo | is_beleid)
# Who can own a pattern (asked of the candidate): a beleidsmedewerker.
rules.add_perm("rapportage.bezit_patronen", is_beleid)


@onderwerp_tweeling("rapportage.bezit_patronen")
def beleidsmedewerkers() -> Q:
    return Q(is_active=True, groups__name=roles.BELEID)


@tweeling("rapportage.bekijk_rapport", "rapportage.Rapport")
def zichtbare_rapporten(user) -> Q:
    if heeft_rol(user, roles.OMO):
        return Q()
    if heeft_rol(user, roles.BELEID) or heeft_rol(user, roles.COLLEGE):
        return Q(status="definitief")
    return GEEN
