package dev.doppel.api.system;

import java.util.List;

import dev.doppel.model.media.MediaRejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/** The one place that turns failures into RFC 9457 problem details. */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        ResponseEntity<ProblemDetail> response = respond(problem.status(), problem.type(), problem.title(), problem.getMessage());
        if (problem.retryAfter() != null) {
            long seconds = Math.max(1, (problem.retryAfter().toMillis() + 999) / 1000);
            return ResponseEntity.status(response.getStatusCode()).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(response.getBody());
        }
        return response;
    }

    @ExceptionHandler(MediaRejected.class)
    ResponseEntity<ProblemDetail> uploadRejected(MediaRejected rejected) {
        return switch (rejected.reason()) {
            case UNSUPPORTED -> respond(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "upload-unsupported-type",
                    "Unsupported upload type", rejected.getMessage());
            case TOO_LARGE -> respond(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", "Upload too large", rejected.getMessage());
            case UNREADABLE -> respond(HttpStatus.UNPROCESSABLE_CONTENT, "upload-unreadable", "Upload cannot be read",
                    rejected.getMessage());
        };
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> badMultipart(MultipartException e) {
        if (e instanceof MaxUploadSizeExceededException) {
            return respond(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", "Upload too large",
                    "The upload is larger than this server accepts in one request.");
        }
        return respond(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "The request must be multipart/form-data with one or more 'file' parts.");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<String> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + " " + error.getDefaultMessage())
                .sorted()
                .toList();
        ResponseEntity<ProblemDetail> response = respond(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "The request body is invalid: " + String.join("; ", errors) + ".");
        response.getBody().setProperty("errors", errors);
        return widen(response);
    }

    /** Spring's own client errors (malformed JSON, wrong method, bad path id) keep their status, in our words. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (status.is5xxServerError()) {
            return widen(unexpected(e));
        }
        if (e instanceof MaxUploadSizeExceededException) {
            return widen(respond(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", "Upload too large",
                    "The upload is larger than this server accepts in one request."));
        }
        String detail = switch (status.value()) {
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not accept that method.";
            case 406, 415 -> "This address does not accept or produce that content type.";
            default -> "The request is malformed: check its body, parameters and headers.";
        };
        ResponseEntity<ProblemDetail> response = respond(status, status.value() == 404 ? "not-found" : "invalid-request",
                status.value() == 404 ? "Not found" : "Invalid request", detail);
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(response.getBody());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error", e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "Something went wrong on our side; the request was not completed.");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> widen(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }

    static ResponseEntity<ProblemDetail> respond(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ApiProblem.typeUri(type));
        problem.setTitle(title);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
