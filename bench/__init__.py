"""Benchmarks: scripts that measure and print, never assert (run them as python -m bench.<name>)."""
