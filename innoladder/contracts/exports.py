from innoladder.core.xlsx import Column

CONTRACT_COLUMNS = [
    Column("合同名称", "title", width=32),
    Column("合同类别", "get_category_display", width=12),
    Column("子类", "get_subtype_display", width=16),
    Column("园区企业", "enterprise.name", width=28),
    Column("园区企业为", lambda t: "卖方" if t.enterprise_role == "seller" else "买方", width=10),
    Column("卖方名称", "seller_name", width=28),
    Column("卖方统一社会信用代码", "seller_uscc", width=22),
    Column("买方名称", "buyer_name", width=28),
    Column("买方统一社会信用代码", "buyer_uscc", width=22),
    Column("合同成交额", "contract_amount", kind="money_wan"),
    Column("技术交易额", "transaction_amount", kind="money_wan"),
    Column("签订日期", "signed_on", kind="date", width=12),
    Column("履行期限自", "term_start", kind="date", width=12),
    Column("履行期限至", "term_end", kind="date", width=12),
    Column("登记准备日期", "prepared_on", kind="date", width=12),
    Column("登记状态", "get_status_display", width=10),
    Column("登记编号", "registration_number", width=22),
    Column("登记日期", "registered_on", kind="date", width=12),
]
