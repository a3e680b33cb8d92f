import pytest


@pytest.fixture
def world(cast):
    from .helpers import build_world

    return build_world(cast)
