"""The code validator wired into the enterprise form and services: checksum, characters, case, override."""

import pytest

from innoladder.core.models import AuditEntry
from innoladder.core.testing.factories import make_uscc
from innoladder.eligibility import uscc
from innoladder.enterprises.models import Enterprise

VALID = make_uscc(4711)


def _wrong_checksum(code: str) -> str:
    wrong = next(ch for ch in uscc.CHARSET if ch != code[17])
    return code[:17] + wrong


def _post(client, user, park, **overrides):
    client.force_login(user)
    data = {"uscc": VALID, "name": "格尔木测试新材料有限公司", "park": park.pk, **overrides}
    return client.post("/enterprises/new/", data)


def test_valid_code_registers_enterprise(client, cast):
    response = _post(client, cast.officer, cast.park)
    enterprise = Enterprise.objects.get(uscc=VALID)
    assert response.status_code == 302 and response["Location"] == f"/enterprises/{enterprise.pk}/"
    assert enterprise.uscc_override_reason == ""
    assert AuditEntry.objects.filter(event_type="create", object_id=str(enterprise.pk)).exists()


def test_lowercase_spaces_and_full_width_input_is_normalised(client, cast):
    messy = " ".join([VALID[:6].lower(), VALID[6:12].lower()]) + "".join(
        chr(ord(c) + 0xFEE0) for c in VALID[12:]
    )
    response = _post(client, cast.officer, cast.park, uscc=messy)
    assert response.status_code == 302
    assert Enterprise.objects.filter(uscc=VALID).count() == 1


def test_wrong_checksum_is_refused_with_the_expected_character(client, cast):
    wrong = _wrong_checksum(VALID)
    response = _post(client, cast.officer, cast.park, uscc=wrong)
    assert response.status_code == 200
    body = response.content.decode()
    assert f"第18位应为“{VALID[17]}”" in body
    assert "校验未通过的确认理由" in body
    assert not Enterprise.objects.filter(uscc=wrong).exists()


@pytest.mark.parametrize("bad", ["91632801MA75I0010X", "91632801MA75O0010X", "9163280IMA7500010"])
def test_wrong_characters_or_length_are_refused_even_with_a_reason(client, cast, bad):
    response = _post(client, cast.officer, cast.park, uscc=bad, override_reason="营业执照如此")
    assert response.status_code == 200
    assert Enterprise.objects.count() == 3  # only the cast's enterprises
    body = response.content.decode()
    assert "不允许的字符" in body or "应为18位" in body


def test_officer_override_with_reason_is_stored_and_audited(client, cast):
    wrong = _wrong_checksum(VALID)
    response = _post(
        client, cast.officer, cast.park, uscc=wrong, override_reason="营业执照原件所载代码即如此"
    )
    assert response.status_code == 302
    enterprise = Enterprise.objects.get(uscc=wrong)
    assert enterprise.uscc_override_reason == "营业执照原件所载代码即如此"
    entry = AuditEntry.objects.get(object_id=str(enterprise.pk), changes__uscc_override_reason__isnull=False)
    assert entry.actor == cast.officer
    assert "营业执照原件所载代码即如此" in entry.message


def test_enterprise_user_cannot_override_a_failed_check_on_their_own_file(client, cast):
    wrong = _wrong_checksum(VALID)
    client.force_login(cast.user_a)
    response = client.post(
        f"/enterprises/{cast.ent_a.pk}/edit/",
        {
            "uscc": wrong,
            "name": cast.ent_a.name,
            "override_reason": "x",
            "expected_version": cast.ent_a.version,
        },
    )
    assert response.status_code == 200
    cast.ent_a.refresh_from_db()
    assert cast.ent_a.uscc != wrong and cast.ent_a.uscc_override_reason == ""


def test_duplicate_code_is_refused(client, cast):
    response = _post(client, cast.officer, cast.park, uscc=cast.ent_b.uscc.lower())
    assert response.status_code == 200
    assert Enterprise.objects.filter(uscc=cast.ent_b.uscc).count() == 1
