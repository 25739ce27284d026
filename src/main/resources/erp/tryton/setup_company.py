#!/usr/bin/python3
"""Prepares an empty Tryton 6.0 database for Millrace.

Creates the company, the minimal chart of accounts, one fiscal year with monthly periods per
year given, and the accounts of Millrace's default chart (postings.md) under the same codes,
so that the hub's default account mapping (same codes) works at once.

    DB_NAME=millrace /usr/bin/python3 setup_company.py -c trytond.conf -d millrace --years 2026 2027

Run it with the operating system's Python, which has trytond and proteus installed. It is
idempotent: what exists already is left as it is.
"""
import argparse
import datetime
import os

from proteus import Model, config as proteus_config

# Millrace's default chart: code, name, kind of Tryton account type (by flag or name).
MILLRACE_ACCOUNTS = [
    ('1200', 'Accounts receivable', 'receivable'),
    ('1400', 'Raw material inventory', 'current'),
    ('1410', 'Semi-finished inventory', 'current'),
    ('1420', 'Finished goods inventory', 'current'),
    ('1450', 'Work in process', 'current'),
    ('1470', 'Stock in transit', 'current'),
    ('2000', 'Accounts payable', 'payable'),
    ('2100', 'GR/IR clearing', 'liability'),
    ('2200', 'Output tax payable', 'liability'),
    ('4000', 'Sales revenue', 'revenue'),
    ('5000', 'Cost of goods sold', 'expense'),
    ('5100', 'Purchase price variance', 'expense'),
    ('5200', 'Production variance', 'expense'),
    ('5300', 'Scrap expense', 'expense'),
    ('5400', 'Inventory adjustments', 'expense'),
    ('5410', 'Inventory revaluation', 'expense'),
    ('5500', 'Conversion cost absorbed', 'expense'),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('-c', '--config', required=True)
    parser.add_argument('-d', '--database', default=os.environ.get('DB_NAME'))
    parser.add_argument('--years', nargs='+', type=int, default=[datetime.date.today().year])
    parser.add_argument('--currency', default='EUR')
    parser.add_argument('--company', default='Millrace Manufacturing')
    args = parser.parse_args()
    os.environ['DB_NAME'] = args.database
    proteus_config.set_trytond(args.database, config_file=args.config)

    from trytond.modules.company.tests.tools import create_company, get_company
    from trytond.modules.account.tests.tools import create_fiscalyear, create_chart
    from trytond.modules.account_invoice.tests.tools import set_fiscalyear_invoice_sequences
    from trytond.modules.currency.tests.tools import get_currency

    Company = Model.get('company.company')
    if not Company.find():
        Party = Model.get('party.party')
        party = Party(name=args.company)
        party.save()
        create_company(party=party, currency=get_currency(args.currency))
    company = get_company()
    User = Model.get('res.user')
    proteus_config.get_config()._context = User.get_preferences(True, {})

    Account = Model.get('account.account')
    if not Account.find([('company', '=', company.id)]):
        create_chart(company)

    FiscalYear = Model.get('account.fiscalyear')
    for year in args.years:
        if FiscalYear.find([('company', '=', company.id), ('name', '=', str(year))]):
            continue
        fiscalyear = set_fiscalyear_invoice_sequences(
            create_fiscalyear(company, datetime.date(year, 1, 1)))
        fiscalyear.click('create_period')

    AccountType = Model.get('account.account.type')

    def account_type(kind):
        if kind in ('receivable', 'payable', 'revenue', 'expense'):
            found = AccountType.find([(kind, '=', True), ('company', '=', company.id)], limit=1)
        elif kind == 'current':
            found = AccountType.find([('name', '=', 'Current'), ('parent.name', '=', 'Asset'),
                                      ('company', '=', company.id)], limit=1)
        else:
            found = AccountType.find([('name', '=', 'Current'), ('parent.name', '=', 'Liability'),
                                      ('company', '=', company.id)], limit=1)
        return found[0]

    root, = Account.find([('parent', '=', None), ('company', '=', company.id)], limit=1)
    for code, name, kind in MILLRACE_ACCOUNTS:
        if Account.find([('code', '=', code), ('company', '=', company.id)]):
            continue
        account = Account(code=code, name=name, parent=root, type=account_type(kind))
        if kind in ('receivable', 'payable'):
            account.party_required = True
            account.reconcile = True
        account.save()
    print('ready: company %s, years %s, %d Millrace accounts' % (
        company.id, ','.join(map(str, args.years)), len(MILLRACE_ACCOUNTS)))


if __name__ == '__main__':
    main()
