package dev.doppel.standalone.infra;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.http.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedInfrastructureTest {

    private static final String QUEUE = "doppel.test.jobs";
    private static final String BUCKET = "doppel-test";
    private static final String OBJECT = "uploads/face.bin";
    private static final byte[] CONTENT = "not really a face".getBytes(UTF_8);

    @TempDir
    Path dataDir;

    @Test
    void serversAreRealAndKeepTheirDataAcrossARestart() throws Exception {
        Set<Thread> threadsBefore = liveNonDaemonThreads();

        try (EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(dataDir, 0, 0, 0)) {
            assertThat(infrastructure.springProperties()).containsOnlyKeys(
                    "spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                    "spring.rabbitmq.host", "spring.rabbitmq.port", "spring.rabbitmq.username",
                    "spring.rabbitmq.password", "spring.rabbitmq.virtual-host",
                    "doppel.storage.endpoint", "doppel.storage.access-key", "doppel.storage.secret-key");
            assertThat(infrastructure.springProperties().get("spring.rabbitmq.virtual-host")).isEqualTo("/");

            writeRowAndReadItBack(infrastructure.springProperties());
            publishAndConsume(infrastructure.springProperties());
            leavePersistentMessageInQueue(infrastructure.springProperties());
            putObjectAndReadItBack(infrastructure.springProperties());
        }

        try (EmbeddedInfrastructure restarted = EmbeddedInfrastructure.start(dataDir, 0, 0, 0)) {
            Map<String, String> properties = restarted.springProperties();
            assertThat(readRow(properties)).isEqualTo("kept");
            assertThat(takeMessage(properties)).isEqualTo("survives restart");
            assertThat(readObject(properties)).isEqualTo(CONTENT);
        }

        // Qpid's and s3proxy's threads are not daemons: any left behind would keep the JVM alive.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(liveNonDaemonThreads()).isSubsetOf(threadsBefore));
    }

    @Test
    void aServerThatFailsToStartTakesTheOthersDownWithIt() throws Exception {
        Set<Thread> threadsBefore = liveNonDaemonThreads();

        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> EmbeddedInfrastructure.start(dataDir, 0, 0, taken.getLocalPort()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("failed to start");
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(liveNonDaemonThreads()).isSubsetOf(threadsBefore));
        // PostgreSQL, which did start, was stopped: the same data directory starts again.
        EmbeddedInfrastructure.start(dataDir, 0, 0, 0).close();
    }

    private static void writeRowAndReadItBack(Map<String, String> properties) throws Exception {
        try (Connection connection = connectToPostgres(properties);
             Statement statement = connection.createStatement()) {
            try (ResultSet one = statement.executeQuery("select 1")) {
                assertThat(one.next()).isTrue();
                assertThat(one.getInt(1)).isEqualTo(1);
            }
            // zonky starts PostgreSQL with fsync off; LocalPostgres turns it back on.
            try (ResultSet fsync = statement.executeQuery("show fsync")) {
                assertThat(fsync.next()).isTrue();
                assertThat(fsync.getString(1)).isEqualTo("on");
            }
            statement.execute("create table survivor (note text)");
            statement.execute("insert into survivor values ('kept')");
        }
        assertThat(readRow(properties)).isEqualTo("kept");
    }

    private static String readRow(Map<String, String> properties) throws Exception {
        try (Connection connection = connectToPostgres(properties);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select note from survivor")) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private static Connection connectToPostgres(Map<String, String> properties) throws Exception {
        return DriverManager.getConnection(properties.get("spring.datasource.url"),
                properties.get("spring.datasource.username"),
                properties.get("spring.datasource.password"));
    }

    private static void publishAndConsume(Map<String, String> properties) throws Exception {
        try (com.rabbitmq.client.Connection connection = rabbit(properties).newConnection();
             Channel channel = connection.createChannel()) {
            channel.queueDeclare(QUEUE, true, false, false, null);
            channel.basicPublish("", QUEUE, MessageProperties.PERSISTENT_BASIC, "hello".getBytes(UTF_8));
            GetResponse delivery = awaitDelivery(channel);
            assertThat(new String(delivery.getBody(), UTF_8)).isEqualTo("hello");
            assertThat(delivery.getProps().getDeliveryMode()).isEqualTo(2);
        }
    }

    private static void leavePersistentMessageInQueue(Map<String, String> properties) throws Exception {
        try (com.rabbitmq.client.Connection connection = rabbit(properties).newConnection();
             Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish("", QUEUE, MessageProperties.PERSISTENT_BASIC,
                    "survives restart".getBytes(UTF_8));
            channel.waitForConfirmsOrDie(5_000);
        }
    }

    private static String takeMessage(Map<String, String> properties) throws Exception {
        try (com.rabbitmq.client.Connection connection = rabbit(properties).newConnection();
             Channel channel = connection.createChannel()) {
            return new String(awaitDelivery(channel).getBody(), UTF_8);
        }
    }

    private static GetResponse awaitDelivery(Channel channel) {
        return await().atMost(Duration.ofSeconds(5))
                .until(() -> channel.basicGet(QUEUE, true), response -> response != null);
    }

    private static ConnectionFactory rabbit(Map<String, String> properties) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(properties.get("spring.rabbitmq.host"));
        factory.setPort(Integer.parseInt(properties.get("spring.rabbitmq.port")));
        factory.setUsername(properties.get("spring.rabbitmq.username"));
        factory.setPassword(properties.get("spring.rabbitmq.password"));
        factory.setVirtualHost(properties.get("spring.rabbitmq.virtual-host"));
        return factory;
    }

    private static void putObjectAndReadItBack(Map<String, String> properties) throws Exception {
        MinioClient minio = minio(properties);
        minio.makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build());
        minio.putObject(PutObjectArgs.builder().bucket(BUCKET).object(OBJECT)
                .stream(new ByteArrayInputStream(CONTENT), CONTENT.length, -1)
                .contentType("application/octet-stream")
                .build());

        StatObjectResponse stat = minio.statObject(StatObjectArgs.builder().bucket(BUCKET).object(OBJECT).build());
        assertThat(stat.size()).isEqualTo(CONTENT.length);
        assertThat(readObject(properties)).isEqualTo(CONTENT);

        String presignedUrl = minio.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(Method.GET).bucket(BUCKET).object(OBJECT).expiry(5, TimeUnit.MINUTES).build());
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(presignedUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(CONTENT);
    }

    private static byte[] readObject(Map<String, String> properties) throws Exception {
        try (InputStream object = minio(properties).getObject(
                GetObjectArgs.builder().bucket(BUCKET).object(OBJECT).build())) {
            return object.readAllBytes();
        }
    }

    private static MinioClient minio(Map<String, String> properties) {
        return MinioClient.builder()
                .endpoint(properties.get("doppel.storage.endpoint"))
                .credentials(properties.get("doppel.storage.access-key"),
                        properties.get("doppel.storage.secret-key"))
                // A region skips the bucket-location lookup before each request.
                .region("us-east-1")
                .build();
    }

    /** Leaves out the threads of this test's own clients: MinIO's OkHttp and Awaitility. */
    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && !thread.isDaemon())
                .filter(thread -> !thread.getName().startsWith("OkHttp")
                        && !thread.getName().startsWith("awaitility"))
                .collect(Collectors.toSet());
    }
}
