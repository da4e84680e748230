"""`cjm trace`: a journey checked against what customers did, from an analytics event export."""
