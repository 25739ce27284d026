package io.millrace.erp;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The company's ERP as Millrace uses it. Every method may throw {@link ErpUnavailableException}
 * (the ERP cannot be reached or failed; try again later) and the writing ones
 * {@link ErpRefusedException} (the ERP refused for a business reason; trying again will not help
 * until someone changes something).
 */
public interface Erp {

    /** Names the ERP and its database, e.g. {@code tryton:millrace}; used in event sources. */
    String name();

    /** Reference data changed after {@code since} (everything when null), with records it cannot map. */
    ErpReferenceData referenceData(Instant since);

    /** Production orders released (waiting, assigned, running) and changed after {@code since} (all when null). */
    List<ReleasedOrder> releasedProductionOrders(Instant since);

    /** The moves that carry these references (Millrace entry ids), whatever their state. */
    List<ErpMove> movesByReference(Collection<String> references);

    /**
     * Creates the moves and posts them, all or none: a refusal of any refuses the whole call.
     * Answers the posted moves in the order asked.
     */
    List<ErpMove> createAndPost(List<MoveRequest> moves);

    /** Posts moves that exist as drafts (created by an attempt that failed before posting). */
    List<ErpMove> post(List<ErpMove> drafts);

    /**
     * Per account code, debit minus credit of the posted moves dated {@code from} to {@code to}
     * (both inclusive); accounts without moves answer zero. Unknown codes are left out.
     */
    Map<String, BigDecimal> balances(Collection<String> accountCodes, LocalDate from, LocalDate to);

    /** Per account code, debit minus credit of the lines of the posted moves that carry these references. */
    Map<String, BigDecimal> balancesOfMoves(Collection<String> references);
}
