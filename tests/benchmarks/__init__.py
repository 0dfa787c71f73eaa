"""Benchmarks (not timed tests): `make benchmark` runs every `bench_*.py` module's `main(argv)`."""
