"""Every operation that changes a case (DESIGN §11): one module per part of the case.

All functions run in a transaction, check the rules of `casussen.workflow` and `casussen.rules`,
and write a timeline event. They raise `omo.weigering.Weigering` (a Dutch message for the user) when an action
is not allowed or conflicts with what someone else just did; nothing is changed then.
"""
