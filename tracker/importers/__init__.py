"""Import files -> validated rows; every problem is collected with file, row and column."""
