package io.millrace.console;

import io.millrace.access.KeySignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign-in with an API key and sign-out. A successful sign-in gets a new session id (so a session
 * planted before cannot be taken over) and a new CSRF token; the session keeps the key id only.
 */
@Controller
class SignInController {

    private static final Logger log = LoggerFactory.getLogger(SignInController.class);

    private final KeySignIn signIn;

    SignInController(KeySignIn signIn) {
        this.signIn = signIn;
    }

    @GetMapping("/console/sign-in")
    String page() {
        return "console/sign-in";
    }

    @PostMapping("/console/sign-in")
    String signIn(@RequestParam(name = "key", required = false) String key, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        KeySignIn.Outcome outcome = signIn.signIn(key, request.getRemoteAddr());
        if (outcome instanceof KeySignIn.Outcome.SignedIn signedIn) {
            request.changeSessionId();
            HttpSession session = request.getSession();
            session.removeAttribute(ConsoleSession.CSRF);
            session.setAttribute(ConsoleSession.KEY_ID, signedIn.caller().keyId());
            log.info("Console sign-in with key {} ({})", signedIn.caller().keyId(), signedIn.caller().role());
            return "redirect:/console";
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        model.addAttribute("error", ((KeySignIn.Outcome.Refused) outcome).reason());
        return "console/sign-in";
    }

    @PostMapping("/console/sign-out")
    String signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return "redirect:/console/sign-in";
    }
}
