package dev.doppel.api.jobs;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.doppel.api.system.ApiProblem;
import dev.doppel.api.tenancy.Caller;
import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobRoute;
import dev.doppel.model.messaging.JobRoutes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** The job types of this API by kind; the only list of kinds there is, and it is built from beans. */
@Component
public class JobTypes implements JobRoutes {

    /** A job the API accepted: its kind, its queue and its parameters as the ledger keeps them. */
    record Accepted(JobKind kind, JobRoute route, JsonNode parameters) {
    }

    private final Map<String, JobType<?>> byKind = new TreeMap<>();

    JobTypes(List<JobType<?>> types) {
        for (JobType<?> type : types) {
            if (byKind.putIfAbsent(type.kind().name(), type) != null) {
                throw new IllegalStateException("two job types declare kind '" + type.kind() + "'");
            }
        }
    }

    public Collection<JobType<?>> all() {
        return byKind.values();
    }

    JobType<?> get(String kind) {
        JobType<?> type = byKind.get(kind);
        if (type == null) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-job-kind", "Invalid job kind",
                    "Job kind must be one of " + String.join(", ", byKind.keySet()) + ".");
        }
        return type;
    }

    /** Parses and checks; throws the 422 that names what is valid. */
    Accepted accept(Caller caller, JobType<?> type, JsonNode parameters) {
        return acceptTyped(caller, type, parameters);
    }

    private static <P> Accepted acceptTyped(Caller caller, JobType<P> type, JsonNode parameters) {
        P parsed;
        try {
            parsed = type.parse(parameters);
        } catch (IllegalArgumentException e) {
            throw JobType.invalid(e.getMessage());
        }
        type.check(caller, parsed);
        return new Accepted(type.kind(), type.route(caller, parsed), type.stored(parameters, parsed));
    }

    @Override
    public Set<JobRoute> routes() {
        Set<JobRoute> routes = new HashSet<>();
        byKind.values().forEach(type -> routes.addAll(type.routes()));
        return routes;
    }
}
