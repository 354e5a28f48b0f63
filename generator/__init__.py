"""Samling: a static-site generator for the material of facilitated gatherings."""

__version__ = "0.1.0"
