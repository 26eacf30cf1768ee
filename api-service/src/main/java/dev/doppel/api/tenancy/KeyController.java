package dev.doppel.api.tenancy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.doppel.api.system.Problems;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import dev.doppel.api.system.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Keys and tenants, for keys with the admin scope ({@link ApiKeyInterceptor} checks it). */
@Tag(name = "Keys and tenants", description = "A tenant's API keys, and tenants for the operator (admin scope).")
@RestController
class KeyController {

    record CreateKey(@NotBlank @Size(max = 100) String name, @NotEmpty List<String> scopes) {
    }

    record CreateTenant(@NotBlank @Size(max = 200) String name) {
    }

    private final KeyAdministration keys;

    KeyController(KeyAdministration keys) {
        this.keys = keys;
    }

    @Operation(operationId = "listKeys", summary = "List this tenant's keys", description = "The tenant's keys with name, scopes, creation, last use and revocation; never a secret.")
    @GetMapping("/api/v1/keys")
    List<KeyAdministration.Key> list(Caller caller) {
        return keys.list(caller);
    }

    @Operation(operationId = "createKey", summary = "Create a key (its secret is shown once)", description = "A new key with a name and scopes (read, submit, admin); its secret is in this answer and nowhere else.")
    @Problems({"invalid-scope"})
    @PostMapping("/api/v1/keys")
    ResponseEntity<KeyAdministration.NewKey> create(Caller caller, @Valid @RequestBody CreateKey request) {
        KeyAdministration.NewKey created = keys.create(caller, request.name().strip(), scopes(request.scopes()));
        return ResponseEntity.created(URI.create("/api/v1/keys/" + created.key().id())).body(created);
    }

    @Operation(operationId = "revokeKey", summary = "Revoke a key", description = "The key stops working at once on every endpoint, open event streams included; the tenant's last admin key cannot be revoked.")
    @Problems({"key-not-found", "last-admin-key"})
    @DeleteMapping("/api/v1/keys/{id}")
    ResponseEntity<Void> revoke(Caller caller, @PathVariable UUID id) {
        keys.revoke(caller, id);
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "rotateKey", summary = "Rotate a key", description = "A new key with the same name and scopes, its secret in this answer; the old key is revoked at once.")
    @Problems({"key-not-found", "key-revoked"})
    @PostMapping("/api/v1/keys/{id}/rotation")
    ResponseEntity<KeyAdministration.NewKey> rotate(Caller caller, @PathVariable UUID id) {
        KeyAdministration.NewKey rotated = keys.rotate(caller, id);
        return ResponseEntity.created(URI.create("/api/v1/keys/" + rotated.key().id())).body(rotated);
    }

    @Operation(operationId = "createTenant", summary = "Create a tenant with its first admin key", description = "For the operator's admins (the bootstrap key's tenant): a new tenant and its first admin key, whose secret is in this answer.")
    @Problems({"not-operator", "tenant-exists"})
    @PostMapping("/api/v1/tenants")
    ResponseEntity<KeyAdministration.NewTenant> createTenant(Caller caller, @Valid @RequestBody CreateTenant request) {
        KeyAdministration.NewTenant created = keys.createTenant(caller, request.name().strip());
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + created.id())).body(created);
    }

    private static Set<Scope> scopes(List<String> labels) {
        try {
            return Scope.setOf(labels);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-scope", "Invalid scope", e.getMessage());
        }
    }
}
