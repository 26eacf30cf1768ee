package dev.doppel.api.tenancy;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import dev.doppel.api.system.ApiProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Every /api/v1 request names its key as {@code Authorization: Bearer <key>} or {@code X-API-Key};
 * the web console's requests carry it in its sign-in cookie instead.
 */
@Component
class ApiKeyInterceptor implements HandlerInterceptor {

    static final String CALLER = ApiKeyInterceptor.class.getName() + ".caller";

    private final ApiKeys keys;

    ApiKeyInterceptor(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            // The end of an event stream comes back through here; it was authenticated when it opened,
            // and a key revoked meanwhile has ended it already (JobEvents).
            return true;
        }
        String key = presentedKey(request);
        if (key == null) {
            key = ConsoleCookie.keyFrom(request);
            if (key != null && !ConsoleCookie.mayChangeState(request)) {
                throw new ApiProblem(HttpStatus.FORBIDDEN, "console-header-missing", "Console header missing",
                        "Requests signed in by the console cookie must send the " + ConsoleCookie.REQUIRED_HEADER + " header.");
            }
        }
        if (key == null) {
            throw unauthenticated("This API needs a key: send it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.");
        }
        Caller caller = keys.authenticate(key).orElseThrow(() -> unauthenticated("The API key is unknown or revoked."));
        Scope needed = needed(request);
        if (!caller.may(needed)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "insufficient-scope", "Insufficient scope", "This key may "
                    + caller.scopes().stream().map(Scope::label).sorted().toList() + "; " + request.getMethod() + " " + request.getRequestURI()
                    + " needs '" + needed.label() + "'.");
        }
        request.setAttribute(CALLER, caller);
        return true;
    }

    /** Keys and tenants are administration; reading is GET; everything else changes something. */
    static Scope needed(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path.startsWith("/api/v1/keys") || path.startsWith("/api/v1/tenants")) {
            return Scope.ADMIN;
        }
        String method = request.getMethod();
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") ? Scope.READ : Scope.SUBMIT;
    }

    private static String presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        String header = request.getHeader("X-API-Key");
        return header == null || header.isBlank() ? null : header.trim();
    }

    private static ApiProblem unauthenticated(String detail) {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Not authenticated", detail);
    }
}
