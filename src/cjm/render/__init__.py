"""`cjm render`: the journey map, drawn for people to look at (see `maps` and `view`)."""
