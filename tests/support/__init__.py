"""Helpers shared by tests of several apps (fixtures live in the conftest.py files)."""
