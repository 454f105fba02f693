"""The load test (`make load`): bench/load/run.py drives bench/load/locustfile.py."""
