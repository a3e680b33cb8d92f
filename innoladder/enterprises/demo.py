"""Demo parks and enterprises (marked is_demo). The registry issue grows this into the Golmud scenario."""

from .models import Enterprise, Park

GOLMUD = "格尔木工业园"


def load() -> None:
    golmud, _ = Park.objects.get_or_create(
        name=GOLMUD,
        defaults={
            "short_name": "格尔木",
            "division_code": "632801",
            "is_demo": True,
            "sub_zones": ["察尔汗盐湖工业园", "昆仑经济技术开发区", "藏青工业园"],
        },
    )
    Park.objects.get_or_create(name="德令哈工业园", defaults={"short_name": "德令哈", "is_demo": True})
    for uscc, name in (
        ("91632801AY4CL12T2E", "青海蓝科锂业股份有限公司"),
        ("91632801H3BJ1XG69Q", "格尔木柏丽姿日化有限公司"),
    ):
        Enterprise.objects.get_or_create(uscc=uscc, defaults={"name": name, "park": golmud, "is_demo": True})
