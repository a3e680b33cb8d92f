import pytest


@pytest.fixture(autouse=True)
def _uploads_kept_apart(media):
    """Uploaded sheets and the import's cached readings kept under each test's own directory."""
