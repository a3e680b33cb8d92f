from django.db import migrations

RULES = [
    # scheme, validity kind, years, expiring window (days), review at expiry, source
    ("hnte", "years_from_issue", 3, 180, False, "《高新技术企业认定管理办法》第九条：自颁发证书之日起有效期为三年"),
    (
        "tsme",
        "registration_year",
        1,
        90,
        False,
        "科技型中小企业评价办法：入库登记编号当年有效，次年3月31日前更新信息（2022年文本措辞待核）",
    ),
    ("innovative_sme", "years_from_issue", 3, 180, True, "工信部企业〔2022〕63号：有效期三年"),
    ("srdi_sme", "years_from_issue", 3, 180, True, "工信部企业〔2022〕63号：有效期三年，到期复核"),
    ("little_giant", "years_from_issue", 3, 180, True, "工信部企业〔2022〕63号：有效期三年，到期复核"),
    ("tech_innovative_sme", "years_from_issue", 3, 180, True, "《优质中小企业梯度培育管理办法》（2026）"),
    (
        "qh_tech_enterprise",
        "years_to_year_end",
        3,
        180,
        False,
        "青科发高新〔2020〕85号：期满当年12月31日到期，到期企业重新认定（年限可能为3年，待核）",
    ),
    ("qh_tech_little_giant", "years_from_issue", 3, 180, True, "青海省科技小巨人企业（管理办法原文待取得）"),
    ("other", "years_from_issue", 3, 180, False, "其他资质：默认自发证之日起三年，可在认定记录中直接填写有效期"),
]


def seed(apps, schema_editor):
    SchemeRule = apps.get_model("recognitions", "SchemeRule")
    for scheme, kind, years, window, review, source in RULES:
        SchemeRule.objects.update_or_create(
            scheme=scheme,
            defaults={
                "validity_kind": kind,
                "years": years,
                "expiring_days": window,
                "review_at_expiry": review,
                "source": source,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("recognitions", "SchemeRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("recognitions", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
