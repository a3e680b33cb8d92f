"""Fact providers reading the policies module (registered once its models exist)."""
