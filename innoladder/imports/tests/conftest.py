import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded sheets and the import's cached readings kept under the test's own directory."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
