package io.millrace.masterdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.accounting.master.PurchaseOrder;
import io.millrace.web.FieldError;
import org.junit.jupiter.api.Test;

class CsvSubmissionReaderTest {

    @Test
    void errorsPointAtTheRowAndNameTheCsvLine() {
        Submission s = CsvSubmissionReader.read(MasterDataKind.ITEMS, """
                code,description,valuationClass,baseUom,standardCost
                RM-A,"Steel, cold rolled",RAW,kg,2.00

                RM-B,Paint,RAW,l,-1
                """);

        assertThat(s.errors).extracting(FieldError::pointer, FieldError::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/items/1/standardCost", "must not be negative (CSV line 4)"));
        assertThat(s.items).extracting(e -> e.value().description()).containsExactly("Steel, cold rolled");
    }

    @Test
    void purchaseOrderRowsBecomeLinesOfTheirOrder() {
        Submission s = CsvSubmissionReader.read(MasterDataKind.PURCHASE_ORDERS, """
                number,supplier,plant,line,item,quantity,unitPrice
                4500001,S-ACME,P100,10,RM-STEEL,1000,2.10
                4500002,S-ACME,P100,10,RM-STEEL,5,2
                4500001,S-ACME,P100,20,RM-PAINT,100,4.8
                """);

        assertThat(s.errors).isEmpty();
        PurchaseOrder first = s.purchaseOrders.get(0).value();
        assertThat(first.lines()).hasSize(2);
        assertThat(first.line(20).orElseThrow().unitPrice()).isEqualByComparingTo("4.80");
        assertThat(s.purchaseOrders.get(0).parts()).extracting(w -> w.pointer("item"))
                .containsExactly("/purchaseOrders/0/item", "/purchaseOrders/2/item");
    }

    @Test
    void rowsOfOneOrderMustAgreeOnSupplierAndPlant() {
        Submission s = CsvSubmissionReader.read(MasterDataKind.PURCHASE_ORDERS, """
                number,supplier,plant,line,item,quantity,unitPrice
                4500001,S-ACME,P100,10,RM-STEEL,1000,2.10
                4500001,S-OTHER,P200,20,RM-PAINT,100,4.8
                """);

        assertThat(s.errors).extracting(FieldError::pointer)
                .containsExactly("/purchaseOrders/1/supplier", "/purchaseOrders/1/plant");
        assertThat(s.errors.get(0).message()).contains("S-OTHER", "S-ACME", "CSV line 2", "(CSV line 3)");
        assertThat(s.purchaseOrders).isEmpty();
    }

    @Test
    void headerNamesUnknownAndMissingColumns() {
        Submission s = CsvSubmissionReader.read(MasterDataKind.BOMS, """
                item,componnent,quantityPer
                FG-A,RM-A,1
                """);

        assertThat(s.errors).extracting(FieldError::pointer, FieldError::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/boms",
                        "unknown column 'componnent' in the header; the columns are item,component,quantityPer (CSV line 1)"),
                org.assertj.core.groups.Tuple.tuple("/boms", "the header lacks the column 'component' (CSV line 1)"));
    }

    @Test
    void bomComponentErrorsPointAtTheComponentColumn() {
        Submission s = CsvSubmissionReader.read(MasterDataKind.BOMS, """
                item,component,quantityPer
                FG-A,RM A,0
                """);

        assertThat(s.errors).extracting(FieldError::pointer)
                .containsExactly("/boms/0/component", "/boms/0/quantityPer");
    }
}
