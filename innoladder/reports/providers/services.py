"""Fact providers reading the services module (registered once its models exist)."""
