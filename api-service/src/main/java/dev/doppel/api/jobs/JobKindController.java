package dev.doppel.api.jobs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The kinds of job this API takes, so clients and the console need no list of their own. */
@Tag(name = "Jobs")
@RestController
@RequestMapping("/api/v1/job-kinds")
class JobKindController {

    record JobKindView(String kind, String description) {
    }

    private final JobTypes types;

    JobKindController(JobTypes types) {
        this.types = types;
    }

    @Operation(operationId = "listJobKinds", summary = "List the job kinds", description = "The kinds of job this API takes, each with a sentence on what it does; the parameters are described per kind in the README.")
    @GetMapping
    List<JobKindView> list() {
        return types.all().stream().map(type -> new JobKindView(type.kind().name(), type.description())).toList();
    }
}
