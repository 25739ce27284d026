#!/usr/bin/python3
"""Puts the reference data of postings.md's worked example (plant P100) into a Tryton database
prepared by setup_company.py: warehouse P100 with its locations, categories, products at a fixed
cost price (and one at average cost, which Millrace must refuse), the BOM, the parties, the
confirmed purchase (4500001 in postings.md) and sale (7000001), and the production order of
200 brackets released (waiting) as MO-1 is there. Tryton numbers them from its own sequences.

    /usr/bin/python3 worked_example.py -c trytond.conf -d DATABASE
"""
import argparse
import os
from decimal import Decimal

from proteus import Model, config as proteus_config


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('-c', '--config', required=True)
    parser.add_argument('-d', '--database', required=True)
    parser.add_argument('--release', action='store_true', help='also release the production order of 200 brackets')
    args = parser.parse_args()
    os.environ['DB_NAME'] = args.database
    proteus_config.set_trytond(args.database, config_file=args.config)
    User = Model.get('res.user')
    proteus_config.get_config()._context = User.get_preferences(True, {})

    Location = Model.get('stock.location')
    Category = Model.get('product.category')
    Uom = Model.get('product.uom')
    Template = Model.get('product.template')
    Product = Model.get('product.product')
    Bom = Model.get('production.bom')
    Party = Model.get('party.party')
    Purchase = Model.get('purchase.purchase')
    Sale = Model.get('sale.sale')

    if not Location.find([('code', '=', 'P100')]):
        input_ = Location(name='P100 input', code='P100-IN', type='storage')
        input_.save()
        output = Location(name='P100 output', code='P100-OUT', type='storage')
        output.save()
        store = Location(name='P100 raw material store', code='P100-RM', type='storage')
        store.save()
        production = Location(name='P100 production', code='P100-PROD', type='production')
        production.save()
        warehouse = Location(name='Main plant', code='P100', type='warehouse', input_location=input_,
                             output_location=output, storage_location=store, production_location=production)
        warehouse.save()
        for code, name in (('P100-LINE', 'P100 line side'), ('P100-FG', 'P100 finished goods')):
            Location(name=name, code=code, type='storage', parent=store).save()
    warehouse, = Location.find([('code', '=', 'P100')])

    categories = {}
    for name in ('RAW', 'FINISHED'):
        found = Category.find([('name', '=', name)])
        categories[name] = found[0] if found else Category(name=name)
        categories[name].save()

    def product(code, name, uom_symbol, cost, category, method='fixed'):
        found = Product.find([('code', '=', code)])
        if found:
            return found[0]
        uom, = Uom.find([('symbol', '=', uom_symbol)], limit=1)
        template = Template(name=name, code=code, type='goods', default_uom=uom, cost_price_method=method,
                            list_price=cost * 2, purchasable=True, salable=True, purchase_uom=uom, sale_uom=uom,
                            producible=True)
        template.categories.append(Category(categories[category].id))
        template.save()
        p = template.products[0]
        p.cost_price = cost
        p.save()
        return Product(p.id)

    steel = product('RM-STEEL', 'Steel sheet', 'kg', Decimal('2.00'), 'RAW')
    paint = product('RM-PAINT', 'Paint', 'l', Decimal('5.00'), 'RAW')
    bracket = product('FG-BRACKET', 'Bracket', 'u', Decimal('11.00'), 'FINISHED')
    product('RM-BOLT', 'Bolt at average cost', 'u', Decimal('0.10'), 'RAW', method='average')

    if not Bom.find([('name', '=', 'FG-BRACKET')]):
        bom = Bom(name='FG-BRACKET')
        bom.outputs.new(product=bracket, quantity=1, uom=bracket.default_uom)
        bom.inputs.new(product=steel, quantity=3, uom=steel.default_uom)
        bom.inputs.new(product=paint, quantity=0.2, uom=paint.default_uom)
        bom.save()
        bracket.boms.new(bom=bom)
        bracket.save()
    bom, = Bom.find([('name', '=', 'FG-BRACKET')])

    parties = {}
    for code, name in (('S-ACME', 'Acme Steel'), ('C-BETA', 'Beta Machines')):
        found = Party.find([('code', '=', code)])
        parties[code] = found[0] if found else Party(name=name, code=code)
        parties[code].save()

    if not Purchase.find([('party', '=', parties['S-ACME'].id)]):
        purchase = Purchase(party=parties['S-ACME'], warehouse=warehouse, invoice_method='manual')
        for item, quantity, price in ((steel, 1000, '2.10'), (paint, 100, '4.80')):
            line = purchase.lines.new(product=item, quantity=quantity)
            line.unit_price = Decimal(price)
        purchase.save()
        purchase.click('quote')
        purchase.click('confirm')

    if not Sale.find([('party', '=', parties['C-BETA'].id)]):
        sale = Sale(party=parties['C-BETA'], warehouse=warehouse, invoice_method='manual',
                    shipment_method='order')
        line = sale.lines.new(product=bracket, quantity=300)
        line.unit_price = Decimal('25.00')
        sale.save()
        sale.click('quote')
        sale.click('confirm')

    if args.release:
        release(bracket, bom, warehouse)
    print('worked example ready')


def release(bracket, bom, warehouse):
    Production = Model.get('production')
    if Production.find([('product', '=', bracket.id)]):
        return
    # warehouse first: setting the product explodes the BOM into moves from the warehouse's locations
    production = Production()
    production.warehouse = warehouse
    production.product = bracket
    production.bom = bom
    production.quantity = 200
    production.save()
    production.click('wait')


if __name__ == '__main__':
    main()
