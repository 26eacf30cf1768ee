package dev.doppel.api.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.doppel.api.tenancy.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the OpenAPI document says beyond what springdoc reads off the controllers: how to
 * authenticate (a bearer key or {@code X-API-Key}, on every /api/v1 operation), and every problem
 * response each operation can give, by status, with its {@code type} values, from the operation's
 * {@link Problems} and those every endpoint shares.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    static {
        // The caller comes from the key (ApiKeyInterceptor), never from the request's parameters or body.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
        // Parameters, metrics and losses are free-form JSON objects, not a type of their own.
        SpringDocUtils.getConfig().replaceWithSchema(tools.jackson.databind.JsonNode.class, new ObjectSchema()
                .description("A JSON object: its fields depend on the job kind or architecture"));
    }

    static final String BEARER = "bearerKey";
    static final String HEADER = "apiKeyHeader";
    static final String PROBLEM = "Problem";

    @Bean
    OpenAPI doppelOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Doppel API").version("v1")
                        .description("Face swap as a service: face sets with consent, uploads, extract, train and convert jobs on a"
                                + " queue, models, results. Every output is labelled as AI-generated in its metadata. Errors are"
                                + " RFC 9457 problems (application/problem+json) with a stable type."))
                .servers(List.of(new Server().url("http://localhost:8080").description("the standalone on its default port")))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An API key as a bearer token: Authorization: Bearer dk_…"))
                        .addSecuritySchemes(HEADER, new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                                .name("X-API-Key").description("The same key in the X-API-Key header"))
                        .addSchemas(PROBLEM, problemSchema()))
                .security(List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(HEADER)));
    }

    /** The console's own sign-in takes a key in its body, so it needs none to be called. */
    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handler) -> {
            Problems declared = handler.getMethodAnnotation(Problems.class);
            List<String> types = new ArrayList<>();
            boolean console = handler.getBeanType().getPackageName().endsWith(".console");
            if (console) {
                operation.setSecurity(List.of());
                types.add("invalid-request");
                types.add("unauthenticated");
            } else {
                types.addAll(ProblemTypes.EVERY_ENDPOINT);
            }
            if (declared != null) {
                types.addAll(List.of(declared.value()));
            }
            addProblems(operation, types);
            return operation;
        };
    }

    /** springdoc's own error schema for the advice's ProblemDetail is replaced by ours, and unused schemas go. */
    @Bean
    OpenApiCustomizer problemSchemaOnly() {
        return openApi -> {
            if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
                openApi.getComponents().getSchemas().remove("ProblemDetail");
                openApi.getComponents().getSchemas().putIfAbsent(PROBLEM, problemSchema());
            }
        };
    }

    private static void addProblems(Operation operation, List<String> types) {
        Map<Integer, List<String>> byStatus = new TreeMap<>();
        for (String type : types) {
            byStatus.computeIfAbsent(ProblemTypes.of(type).status().value(), status -> new ArrayList<>()).add(type);
        }
        byStatus.forEach((status, ofStatus) -> {
            MediaType problem = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
            Map<String, Example> examples = new LinkedHashMap<>();
            for (String type : ofStatus.stream().distinct().toList()) {
                ProblemTypes.Type known = ProblemTypes.of(type);
                Map<String, Object> example = new LinkedHashMap<>();
                example.put("type", "/problems/" + type);
                example.put("title", known.title());
                example.put("status", status);
                example.put("detail", "What went wrong, for people, and what to do about it.");
                examples.put(type, new Example().summary(known.title()).value(example));
            }
            problem.setExamples(examples);
            String description = ofStatus.stream().distinct().map(type -> "`" + type + "`").reduce((a, b) -> a + ", " + b).orElse("");
            ApiResponse response = new ApiResponse().description("Problem: " + description)
                    .content(new Content().addMediaType("application/problem+json", problem));
            if (status == 429) {
                response.addHeaderObject("Retry-After", new io.swagger.v3.oas.models.headers.Header()
                        .description("Seconds to wait before trying again").schema(new IntegerSchema()));
            }
            operation.getResponses().addApiResponse(Integer.toString(status), response);
        });
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("An RFC 9457 problem")
                .addProperty("type", new StringSchema().description("Stable: /problems/<type>; clients switch on it"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("For people; never carries internals"))
                .addProperty("instance", new StringSchema())
                .required(List.of("type", "title", "status"));
    }
}
