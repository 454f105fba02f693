"""Read models: set-based (a fixed number of queries whatever the number of projects),
always filtered by what the principal may see."""
