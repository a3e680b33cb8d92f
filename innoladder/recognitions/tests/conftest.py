import pytest


@pytest.fixture(autouse=True)
def _uploads_kept_apart(media):
    """Every recognitions test keeps its uploads (the private ones too) under its own directory."""
