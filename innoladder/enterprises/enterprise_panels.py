"""The registry's own lists on the enterprise page, in full for their 「查看全部」 pages.

The registry draws its sections on the page itself (enterprises/enterprise_detail.html, first rows
only); this module only declares the complete lists (core.enterprise_page.LISTINGS).
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from innoladder.core.enterprise_page import Column, Listing
from innoladder.core.scoping import for_user

from .selectors import own_lists


def _rows(key):
    def rows(request, enterprise):
        return for_user(own_lists(enterprise)[key], request.user)

    return rows


# The first two columns of the award, standard and R&D institution lists.
YEAR_LEVEL = (Column(_("年度"), lambda r: r.year), Column(_("级别"), lambda r: r.get_level_display()))

LISTINGS = {
    "ip": Listing(
        _("知识产权"),
        _rows("ip"),
        (
            Column(_("类型"), lambda r: r.get_kind_display()),
            Column(_("类别"), lambda r: gettext(r.ip_class)),
            Column(_("编号"), lambda r: r.number),
            Column(_("名称"), lambda r: r.title),
            Column(_("授权日"), lambda r: r.granted_on),
            Column(_("状态"), lambda r: r.get_status_display()),
            Column(_("获得方式"), lambda r: r.get_acquisition_display()),
        ),
    ),
    "award": Listing(
        _("获奖"),
        _rows("award"),
        (
            *YEAR_LEVEL,
            Column(_("奖项名称"), lambda r: r.name),
            Column(_("等级"), lambda r: r.grade),
            Column(_("授奖日期"), lambda r: r.awarded_on),
            Column(_("项目"), lambda r: r.project),
            Column(_("完成单位排名"), lambda r: r.rank),
        ),
    ),
    "standard": Listing(
        _("参与标准"),
        _rows("standard"),
        (
            *YEAR_LEVEL,
            Column(_("标准名称"), lambda r: r.title),
            Column(_("标准号"), lambda r: r.number),
            Column(_("起草单位排名"), lambda r: r.rank),
        ),
    ),
    "institution": Listing(
        _("研发机构"),
        _rows("institution"),
        (
            *YEAR_LEVEL,
            Column(_("类型"), lambda r: r.get_kind_display()),
            Column(_("名称"), lambda r: r.name),
            Column(_("认定部门"), lambda r: r.approved_by),
        ),
    ),
    "incident": Listing(
        _("不良记录"),
        _rows("incident"),
        (
            Column(_("发生日期"), lambda r: r.occurred_on),
            Column(_("类型"), lambda r: r.get_kind_display()),
            Column(_("移出日期"), lambda r: r.removed_on),
            Column(_("说明"), lambda r: r.description),
        ),
    ),
    "person": Listing(
        _("人员"),
        _rows("person"),
        (
            Column(_("姓名"), lambda r: r.name),
            Column(_("职务"), lambda r: r.position),
            Column(_("电话"), lambda r: r.phone_masked),
            Column(_("科技人员"), lambda r: _("是") if r.is_tech_staff else ""),
        ),
    ),
}
