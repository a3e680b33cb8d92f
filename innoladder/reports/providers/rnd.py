"""Fact providers reading the rnd module (registered once its models exist)."""
