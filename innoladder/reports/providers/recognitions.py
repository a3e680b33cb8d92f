"""Fact providers reading the recognitions module (registered once its models exist)."""
