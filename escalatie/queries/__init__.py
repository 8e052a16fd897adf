"""Read queries for the pages of the overleg, the escalations and the verzoeken."""
