package dev.doppel.api.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import dev.doppel.api.system.ApiProblem;
import dev.doppel.api.tenancy.ApiKeys;
import dev.doppel.api.tenancy.ConsoleCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signs the web console in: the key goes into an HttpOnly, SameSite=Strict cookie, so the page's
 * EventSource streams and image links authenticate without the key ever being readable by script.
 */
@Tag(name = "Console", description = "The web console's sign-in cookie.")
@RestController
@RequestMapping("/console/session")
class ConsoleSessionController {

    record SignIn(@NotBlank String apiKey) {
    }

    private static final Duration SESSION = Duration.ofHours(12);

    private final ApiKeys keys;

    ConsoleSessionController(ApiKeys keys) {
        this.keys = keys;
    }

    @Operation(operationId = "signIn", summary = "Sign the console in with a key", description = "Sets the console's HTTP-only sign-in cookie for a valid key; the console sends X-Doppel-Console with every request it makes.")
    @PostMapping
    ResponseEntity<Void> signIn(@Valid @RequestBody SignIn request) {
        String key = request.apiKey().strip();
        keys.authenticate(key).orElseThrow(() -> new ApiProblem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Not authenticated",
                "The API key is unknown or revoked."));
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, cookie(key, SESSION).toString()).build();
    }

    @Operation(operationId = "signOut", summary = "Sign the console out", description = "Clears the console's sign-in cookie.")
    @DeleteMapping
    ResponseEntity<Void> signOut() {
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO).toString()).build();
    }

    private static ResponseCookie cookie(String value, Duration maxAge) {
        return ResponseCookie.from(ConsoleCookie.NAME, value).httpOnly(true).sameSite("Strict").path("/").maxAge(maxAge).build();
    }
}
