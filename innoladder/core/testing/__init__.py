"""Test helpers shared by every app: factories, the fixed cast of users, and the scoping check."""
