package dev.doppel.api.system;

import java.net.URI;

import dev.doppel.model.storage.ObjectStore;
import dev.doppel.model.storage.StorageProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Every file download: the API checks who asks, then answers 303 to a presigned URL that lives
 * for {@code doppel.storage.presign-ttl}, so bytes never stream through the API.
 */
@Component
public class PresignedDownloads {

    private final ObjectStore store;
    private final StorageProperties storage;

    PresignedDownloads(ObjectStore store, StorageProperties storage) {
        this.store = store;
        this.storage = storage;
    }

    public ResponseEntity<Void> redirect(String key, String downloadName) {
        String url = store.presignedGet(key, storage.presignTtl(), downloadName);
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(url)).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
