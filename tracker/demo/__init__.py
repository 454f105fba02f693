"""A realistic synthetic portfolio for demos and benchmarks."""
