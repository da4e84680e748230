"""`cjm measure`: keep metrics current from survey and analytics exports (see `run`)."""
