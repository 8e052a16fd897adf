"""Every operation that changes overleg, escalation, telefoonlijst or verzoek state.

Modules: `overleg` (series, meetings, agenda), `bespreking` (meeting mode, outcomes, closing,
verslag), `escalatie` (the ladder and its decisions), `verzoek` (telefoonlijst and verzoeken).
Refusals raise `omo.weigering.Weigering` with a Dutch message (and a field).
"""
