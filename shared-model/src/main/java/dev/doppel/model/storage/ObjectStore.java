package dev.doppel.model.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.http.Method;
import io.minio.messages.Item;

/** The one door to object storage; wraps MinIO's checked exceptions into {@link StorageException}. */
public class ObjectStore {

    private final MinioClient client;
    private final MinioClient presigner;
    private final String bucket;

    public ObjectStore(StorageProperties properties) {
        this.client = client(properties, properties.endpoint());
        boolean separatePublicAddress = properties.publicEndpoint() != null && !properties.publicEndpoint().isBlank();
        this.presigner = separatePublicAddress ? client(properties, properties.publicEndpoint()) : client;
        this.bucket = properties.bucket();
    }

    private static MinioClient client(StorageProperties properties, String endpoint) {
        // The region is fixed so presigning never asks the server for it (a public address may be unreachable from here).
        return MinioClient.builder()
                .endpoint(endpoint)
                .credentials(properties.accessKey(), properties.secretKey())
                .region(properties.region())
                .build();
    }

    public void ensureBucket() {
        call(() -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
            return null;
        });
    }

    public void put(String key, Path file, String contentType) {
        call(() -> {
            try (InputStream in = Files.newInputStream(file)) {
                client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                        .stream(in, Files.size(file), -1).contentType(contentType).build());
            }
            return null;
        });
    }

    public void put(String key, byte[] bytes, String contentType) {
        call(() -> {
            client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType(contentType).build());
            return null;
        });
    }

    public InputStream open(String key) {
        return call(() -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
    }

    public void download(String key, Path target) {
        call(() -> {
            try (InputStream in = open(key)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return null;
        });
    }

    public long size(String key) {
        return call(() -> client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).size());
    }

    public List<String> list(String prefix) {
        return call(() -> {
            List<String> keys = new ArrayList<>();
            for (Result<Item> item : client.listObjects(
                    ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
                keys.add(item.get().objectName());
            }
            return keys;
        });
    }

    public void remove(String key) {
        call(() -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        });
    }

    public void removePrefix(String prefix) {
        list(prefix).forEach(this::remove);
    }

    public String presignedGet(String key, Duration ttl, String downloadName) {
        return call(() -> presigner.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(Method.GET).bucket(bucket).object(key)
                .expiry((int) ttl.toSeconds())
                .extraQueryParams(Map.of("response-content-disposition",
                        "attachment; filename=\"" + downloadName + "\""))
                .build()));
    }

    private interface StorageCall<T> {
        T run() throws Exception;
    }

    private static <T> T call(StorageCall<T> action) {
        try {
            return action.run();
        } catch (StorageException e) {
            throw e;
        } catch (IOException e) {
            throw new StorageException("object storage I/O failed: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new StorageException("object storage call failed: " + e.getMessage(), e);
        }
    }
}
