"""Fact providers reading the funding module (registered once its models exist)."""
