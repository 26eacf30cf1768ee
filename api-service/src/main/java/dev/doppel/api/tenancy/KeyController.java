package dev.doppel.api.tenancy;

import java.net.URI;
import java.util.EnumSet;
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

    @GetMapping("/api/v1/keys")
    List<KeyAdministration.Key> list(Caller caller) {
        return keys.list(caller);
    }

    @PostMapping("/api/v1/keys")
    ResponseEntity<KeyAdministration.NewKey> create(Caller caller, @Valid @RequestBody CreateKey request) {
        KeyAdministration.NewKey created = keys.create(caller, request.name().strip(), scopes(request.scopes()));
        return ResponseEntity.created(URI.create("/api/v1/keys/" + created.key().id())).body(created);
    }

    @DeleteMapping("/api/v1/keys/{id}")
    ResponseEntity<Void> revoke(Caller caller, @PathVariable UUID id) {
        keys.revoke(caller, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/keys/{id}/rotation")
    ResponseEntity<KeyAdministration.NewKey> rotate(Caller caller, @PathVariable UUID id) {
        KeyAdministration.NewKey rotated = keys.rotate(caller, id);
        return ResponseEntity.created(URI.create("/api/v1/keys/" + rotated.key().id())).body(rotated);
    }

    @PostMapping("/api/v1/tenants")
    ResponseEntity<KeyAdministration.NewTenant> createTenant(Caller caller, @Valid @RequestBody CreateTenant request) {
        KeyAdministration.NewTenant created = keys.createTenant(caller, request.name().strip());
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + created.id())).body(created);
    }

    private static Set<Scope> scopes(List<String> labels) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String label : labels) {
            try {
                scopes.add(Scope.parse(label));
            } catch (IllegalArgumentException e) {
                throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-scope", "Invalid scope", e.getMessage());
            }
        }
        return scopes;
    }
}
