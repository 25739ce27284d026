package io.millrace.console;

import io.millrace.access.Caller;
import io.millrace.access.KeyIssuer;
import io.millrace.audit.AuditLog;
import io.millrace.audit.AuditQuery;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Keys and the audit log: admins only, as in the API. */
@Controller
class AdminPageController {

    static final int AUDIT_PAGE = 100;

    private final KeyIssuer keys;
    private final AuditLog audit;

    AdminPageController(KeyIssuer keys, AuditLog audit) {
        this.keys = keys;
        this.audit = audit;
    }

    @GetMapping("/console/keys")
    String keys(Caller caller, Model model) {
        caller.requireAdmin();
        model.addAttribute("keys", keys.list());
        return "console/keys";
    }

    @GetMapping("/console/audit")
    String audit(Caller caller, @RequestParam(required = false) String actor,
                 @RequestParam(required = false) String action, @RequestParam(required = false) String subject,
                 @RequestParam(required = false, defaultValue = "0") long after, Model model) {
        caller.requireAdmin();
        AuditQuery query = new AuditQuery(LedgerPageController.blankToNull(actor), LedgerPageController.blankToNull(action),
                LedgerPageController.blankToNull(subject), null, null, Math.max(0, after), AUDIT_PAGE);
        model.addAttribute("records", audit.find(query));
        model.addAttribute("query", query);
        return "console/audit";
    }
}
