"""Fact providers reading the next_steps module (registered once its models exist)."""
