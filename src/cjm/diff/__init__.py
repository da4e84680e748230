"""`cjm diff`: what a change did to the customer's journey (see `compare`)."""
