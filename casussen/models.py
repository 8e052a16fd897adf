"""Models of `casussen`: filled by the issue that builds this part (DESIGN §11)."""
