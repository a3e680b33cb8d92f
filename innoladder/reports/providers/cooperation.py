"""Fact providers reading the cooperation module (registered once its models exist)."""
