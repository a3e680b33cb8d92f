"""Fact providers reading the projects module (registered once its models exist)."""
