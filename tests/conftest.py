"""Shared fixtures: the library's own testing module provides the store fixtures."""

pytest_plugins = ["nsc_workshop.testing"]
