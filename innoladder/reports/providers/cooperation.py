"""Fact providers reading cooperation: 产学研合作 per enterprise (by signing date), patents introduced (by
introduction date) and talents reserved or recognised (by the recorded date)."""

from django.utils.translation import gettext_noop as _

from ..choices import Section
from ..facts import display, label_of, listed, phrase, records, short_name
from . import distinct_enterprises, grouped, period_rows, provider, rows_provider


@provider("cooperation.projects", Section.PROJECTS, requires=("cooperation.Cooperation",), order=40)
def cooperation(this, user, park, start, end):
    """One fact per enterprise: "支持盐湖股份与武汉工程大学开展产学研合作项目2个"."""
    qs = period_rows(
        user, park, start, end, "cooperation.Cooperation", "signed_on", selector_name="cooperation_in_period"
    )
    by_enterprise = grouped(records(qs.order_by("signed_on", "pk"), "partner"), lambda row: row.enterprise.pk)
    facts = []
    for i, rows in enumerate(by_enterprise.values()):
        enterprise = rows[0].enterprise
        partners = []
        for row in rows:
            if row.partner not in partners:
                partners.append(row.partner)
        partner_text = listed(partners[:2], more=len(partners) > 2)
        facts += this.facts_from_rows(
            rows,
            [enterprise],
            part=enterprise.pk,
            step=i,
            model="cooperation.Cooperation",
            label=phrase(_("{name}产学研合作项目"), name=short_name(enterprise)),
            template=phrase(_("支持{names}与{partners}开展产学研合作项目{figure}"), partners=partner_text),
            date_field="signed_on",
            unit="个",  # the park counts cooperation projects in 个 ("合作项目2个"), not 项
        )
    return facts


rows_provider(
    "cooperation.patents",
    Section.PROJECTS,
    order=60,
    model="cooperation.PatentIntroduction",
    date_field="introduced_on",
    selector_name="patent_introductions_in_period",
    label=_("引进专利"),
    template=_("协助{names}引进专利{figure}"),
    unit="项",
)


@provider("cooperation.talents", Section.PROJECTS, requires=("cooperation.Talent",), order=70)
def talents(this, user, park, start, end):
    qs = period_rows(
        user, park, start, end, "cooperation.Talent", "recorded_on", selector_name="talents_in_period"
    )
    rows = records(qs.order_by("recorded_on", "pk"), "category")
    enterprises = distinct_enterprises(rows)
    if not rows:
        return []
    # Each category's label once, in the order the categories first appear.
    label = display(qs.model, "category")
    labels = []
    for category in dict.fromkeys(row.category for row in rows):
        if category != "other" and label(category) not in labels:
            labels.append(label(category))
    template = (
        phrase(_("在{names}{enterprises}储备{kinds}等各类人才{figure}"), kinds=listed(map(label_of, labels)))
        if labels
        else _("在{names}{enterprises}储备各类人才{figure}")
    )
    return this.facts_from_rows(
        rows,
        enterprises,
        model="cooperation.Talent",
        label=_("储备人才"),
        template=template,
        date_field="recorded_on",
        unit="名",
    )
