import pytest

from .factories import add_ip, add_years


@pytest.fixture
def ent(cast):
    """ent_a in tech field 4 with three years of figures and IP (test_facts_loader has its own)."""
    ent = cast.ent_a
    ent.tech_field = "4"
    ent.save()
    add_years(ent)
    add_ip(ent)
    return ent
