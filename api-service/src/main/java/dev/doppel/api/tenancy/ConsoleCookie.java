package dev.doppel.api.tenancy;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The web console's sign-in cookie. Besides SameSite=Strict, a cookie-authenticated request that
 * changes something must carry the console's header, which a cross-site form cannot send.
 */
public final class ConsoleCookie {

    public static final String NAME = "doppel_key";
    static final String REQUIRED_HEADER = "X-Doppel-Console";

    private ConsoleCookie() {
    }

    static String keyFrom(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    static boolean mayChangeState(HttpServletRequest request) {
        String method = request.getMethod();
        boolean safe = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
        return safe || request.getHeader(REQUIRED_HEADER) != null;
    }
}
