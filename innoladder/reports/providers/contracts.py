"""Fact providers reading the contracts module (registered once its models exist)."""
