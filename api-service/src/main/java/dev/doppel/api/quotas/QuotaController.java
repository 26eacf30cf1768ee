package dev.doppel.api.quotas;

import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;

import dev.doppel.api.audit.AuditLog;
import dev.doppel.api.system.ApiProblem;
import dev.doppel.api.system.Problems;
import dev.doppel.api.tenancy.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Quotas", description = "A tenant's limits and how much of them it uses.")
@RestController
class QuotaController {

    record SetQuotas(@PositiveOrZero Integer activeJobs, @PositiveOrZero Integer submissionsPerMinute, @PositiveOrZero Long storedBytes) {
    }

    private final Quotas quotas;
    private final AuditLog audit;

    QuotaController(Quotas quotas, AuditLog audit) {
        this.quotas = quotas;
        this.audit = audit;
    }

    @Operation(operationId = "getQuotas", summary = "Get this tenant's limits and use", description = "Jobs queued or running, jobs"
            + " submitted in the last minute, and bytes stored (uploads plus result files), each with its limit (0: none).")
    @GetMapping("/api/v1/quotas")
    Quotas.Standing standing(Caller caller) {
        return quotas.standing(caller);
    }

    @Operation(operationId = "setTenantQuotas", summary = "Set a tenant's limits", description = "For the operator's admins: a tenant's"
            + " own limits; a field left out (null) falls back to the installation's doppel.quotas.*, and 0 is no limit.")
    @Problems({"not-operator", "tenant-not-found"})
    @PutMapping("/api/v1/tenants/{id}/quotas")
    Quotas.Overrides set(Caller caller, @PathVariable UUID id, @Valid @RequestBody SetQuotas request) {
        if (!caller.operator()) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "not-operator", "Not the operator", "Only the installation's own tenant sets quotas.");
        }
        Quotas.Overrides overrides = new Quotas.Overrides(request.activeJobs(), request.submissionsPerMinute(), request.storedBytes());
        if (!quotas.override(id, overrides)) {
            throw ApiProblem.notFound("tenant", id);
        }
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("activeJobs", overrides.activeJobs());
        detail.put("submissionsPerMinute", overrides.submissionsPerMinute());
        detail.put("storedBytes", overrides.storedBytes());
        audit.record(caller, "tenant.quotas-set", "tenant", id, detail);
        return overrides;
    }
}
