"""`cjm report`: the improvement plan a CX lead would write by hand, from the map (see `build`)."""
