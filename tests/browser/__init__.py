"""Helpers for the browser tests (tests/test_browser_*.py) and benchmarks/browser_latency.py."""
