"""Models of `rapportage`: filled by the issue that builds this part (DESIGN §11)."""
