from django.db import migrations

CATEGORIES = (
    ("policy", "政策咨询", 1),
    ("project", "项目申报辅导", 3),
    ("funding", "资金扶持", 7),
    ("technology", "技术创新与成果转化", 7),
    ("talent", "人才与用工", 7),
    ("finance", "融资服务", 7),
    ("factors", "要素保障（用地、用水、用电、用气）", 30),
    ("other", "其他", 7),
)


def seed(apps, schema_editor):
    RequestCategory = apps.get_model("services", "RequestCategory")
    for order, (code, name, days) in enumerate(CATEGORIES, start=1):
        RequestCategory.objects.get_or_create(code=code, defaults={"name": name, "days": days, "order": order})


def unseed(apps, schema_editor):
    RequestCategory = apps.get_model("services", "RequestCategory")
    RequestCategory.objects.filter(code__in=[c[0] for c in CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("services", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
