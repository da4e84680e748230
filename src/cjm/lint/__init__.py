"""`cjm validate`: check a project against the format and the rules (see `check`)."""
