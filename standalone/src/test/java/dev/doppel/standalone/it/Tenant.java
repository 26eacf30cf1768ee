package dev.doppel.standalone.it;

import java.util.UUID;

import dev.doppel.api.tenancy.Caller;

/** A tenant a test has to itself ({@link RunningDoppel#newTenant}): who it is, and a client holding its key (every scope). */
record Tenant(Caller caller, ApiClient api) {

    UUID id() {
        return caller.tenantId();
    }
}
