"""The reference engine reads the same input types as the engine under test."""

from innoladder.eligibility.facts import *  # noqa: F403
