"""Who may do what in the privacy app: the privacy officer (functionaris gegevensbescherming)
alone. It reads the logs with their values and the whole of one household's file for an access
request, and no case page otherwise (its role is in none of the other apps' rules)."""

import rules

from omo.rules import is_privacy

# The access log and the change log with values: per case, per user, per period, with CSV.
rules.add_perm("privacy.lees_logboeken", is_privacy)
# The monthly vernietigingslijst: see it, decide per item, adopt it.
rules.add_perm("privacy.beheer_vernietiging", is_privacy)
# The export of everything OMO holds about one household (AVG art. 15).
rules.add_perm("privacy.maak_inzage_export", is_privacy)
