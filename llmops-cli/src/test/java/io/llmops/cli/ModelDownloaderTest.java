package io.llmops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.llmops.ModelLoadException;
import io.llmops.testing.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a Hugging Face-style server on the loopback interface serving ../shared/models. */
class ModelDownloaderTest {
  private HttpServer server;
  private final AtomicLong bytesServed = new AtomicLong();
  private volatile boolean honourRange = true;
  private volatile String etag;
  private Path models;

  @BeforeEach
  void start() throws IOException {
    models = TestFiles.model("stories260K.gguf").getParent();
    etag = ModelDownloader.sha256(models.resolve("stories260K.gguf"));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::serve);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** Serves /{owner}/{repo}/resolve/{rev}/{file} from the shared models folder, honouring Range like the Hub. */
  private void serve(HttpExchange ex) throws IOException {
    String[] p = ex.getRequestURI().getPath().split("/", 6);
    Path file = p.length == 6 && p[3].equals("resolve") ? models.resolve(p[5]).normalize() : null;
    if (file == null || !file.startsWith(models) || !Files.isRegularFile(file)) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    byte[] all = Files.readAllBytes(file);
    long from = 0;
    String range = ex.getRequestHeaders().getFirst("Range");
    if (honourRange && range != null && range.startsWith("bytes=")) {
      from = Long.parseLong(range.substring(6, range.indexOf('-')));
    }
    ex.getResponseHeaders().add("X-Linked-Etag", "\"" + etag + "\"");
    if (from >= all.length) {
      ex.sendResponseHeaders(416, -1);
      ex.close();
      return;
    }
    ex.sendResponseHeaders(from > 0 ? 206 : 200, all.length - from);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(all, (int) from, (int) (all.length - from));
    }
    bytesServed.addAndGet(all.length - from);
  }

  private ModelDownloader downloader(ByteArrayOutputStream log) {
    return new ModelDownloader(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), null,
        new PrintStream(log, true));
  }

  @Test
  void downloadsAndVerifiesTheServersDigest(@TempDir Path cache) throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Path target = cache.resolve("org/models/stories260K.gguf");
    downloader(log).download("org/models", "main", "stories260K.gguf", target, null);
    assertThat(target).hasSameBinaryContentAs(models.resolve("stories260K.gguf"));
    assertThat(target.resolveSibling("stories260K.gguf.part")).doesNotExist();
    assertThat(log.toString()).contains("verified").contains(etag);
  }

  @Test
  void resumesFromAPartialFile(@TempDir Path cache) throws IOException {
    byte[] all = Files.readAllBytes(models.resolve("stories260K.gguf"));
    Path target = cache.resolve("org/models/stories260K.gguf");
    Files.createDirectories(target.getParent());
    int have = 400_000;
    Files.write(target.resolveSibling("stories260K.gguf.part"), java.util.Arrays.copyOf(all, have));
    downloader(new ByteArrayOutputStream()).download("org/models", "main", "stories260K.gguf", target, null);
    assertThat(target).hasSameBinaryContentAs(models.resolve("stories260K.gguf"));
    assertThat(bytesServed.get()).isEqualTo(all.length - have);
  }

  @Test
  void serverIgnoringRangeRestartsFromZero(@TempDir Path cache) throws IOException {
    honourRange = false;
    Path target = cache.resolve("org/models/stories260K.gguf");
    Files.createDirectories(target.getParent());
    Files.write(target.resolveSibling("stories260K.gguf.part"), new byte[1000]);
    downloader(new ByteArrayOutputStream()).download("org/models", "main", "stories260K.gguf", target, null);
    assertThat(target).hasSameBinaryContentAs(models.resolve("stories260K.gguf"));
  }

  @Test
  void digestMismatchDeletesThePartialFileAndKeepsNothing(@TempDir Path cache) {
    Path target = cache.resolve("org/models/stories260K.gguf");
    String wrong = "0".repeat(64);
    assertThatThrownBy(() -> downloader(new ByteArrayOutputStream())
        .download("org/models", "main", "stories260K.gguf", target, wrong))
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("SHA-256 mismatch");
    assertThat(target).doesNotExist();
    assertThat(target.resolveSibling("stories260K.gguf.part")).doesNotExist();
  }

  @Test
  void missingFileIsAClearError(@TempDir Path cache) {
    assertThatThrownBy(() -> downloader(new ByteArrayOutputStream())
        .download("org/models", "main", "nope.gguf", cache.resolve("x.gguf"), null))
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("HTTP 404");
  }
}
