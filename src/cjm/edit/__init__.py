"""`cjm edit`: typed operations on a journey file that keep every line they do not change."""
