package io.llmops.cli;

import io.llmops.LlmOpsException;
import io.llmops.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Downloads a model file from a Hugging Face-style endpoint ({@code {endpoint}/{owner}/{repo}/resolve/{revision}/
 * {file}}) into the model cache, with resume and SHA-256 verification.
 *
 * <ul>
 *   <li>Bytes go to {@code file.part}; an interrupted download resumes with an HTTP {@code Range} request (a server
 *       that ignores it answers 200 and the download restarts from zero).
 *   <li>The expected SHA-256 is the one given, else the {@code X-Linked-Etag}/{@code ETag} header when it is a 64-digit
 *       hex digest (Hugging Face serves LFS files so). A mismatch deletes the partial file and fails; nothing
 *       unverified is renamed into the cache when a digest is known.
 *   <li>{@code HF_TOKEN}, when set, is sent as a bearer token; it is never printed.
 * </ul>
 *
 * <p>Not thread-safe: one download at a time per instance.
 */
final class ModelDownloader {
  private final HttpClient http;
  private final URI endpoint;
  private final String token;
  private final PrintStream progress;

  ModelDownloader(URI endpoint, String token, PrintStream progress) {
    this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(30)).build();
    this.endpoint = endpoint;
    this.token = token;
    this.progress = progress;
  }

  /**
   * Downloads one file.
   *
   * @param repo {@code owner/name}
   * @param revision a branch, tag or commit
   * @param file the path inside the repository
   * @param target where the verified file ends up
   * @param expectedSha256 the digest to check, or {@code null} to use the server's
   * @return the target path
   */
  Path download(String repo, String revision, String file, Path target, String expectedSha256) {
    URI uri = endpoint.resolve(endpoint.getPath().endsWith("/") ? "" : "/")
        .resolve(repo + "/resolve/" + revision + "/" + file);
    Path part = target.resolveSibling(target.getFileName() + ".part");
    try {
      Files.createDirectories(target.getParent());
      long have = Files.isRegularFile(part) ? Files.size(part) : 0;
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(30)).GET();
      if (token != null && !token.isBlank()) {
        request.header("Authorization", "Bearer " + token);
      }
      if (have > 0) {
        request.header("Range", "bytes=" + have + "-");
      }
      HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      int status = response.statusCode();
      if (status == 416 && have > 0) {
        // Nothing left to fetch: the part file is already complete.
        response.body().close();
        return finish(part, target, expectedSha256, serverDigest(response), have);
      }
      if (status != 200 && status != 206) {
        response.body().close();
        throw new ModelLoadException("download of " + uri + " failed: HTTP " + status
            + (status == 401 || status == 403 ? " (set HF_TOKEN for gated models)" : ""));
      }
      boolean resume = status == 206;
      if (!resume) {
        have = 0;
      }
      long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      long total = length < 0 ? -1 : have + length;
      String serverSha = serverDigest(response);
      try (InputStream in = response.body();
          OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
              resume ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
          ProgressBar bar = new ProgressBarBuilder().setTaskName(file).setInitialMax(total)
              .setUnit("MiB", 1 << 20).showSpeed().setUpdateIntervalMillis(250)
              .setConsumer(new ConsoleProgressBarConsumer(progress)).build()) {
        bar.stepTo(have);
        byte[] buffer = new byte[1 << 16];
        for (int r; (r = in.read(buffer)) >= 0; ) {
          out.write(buffer, 0, r);
          bar.stepBy(r);
        }
      }
      long size = Files.size(part);
      if (total >= 0 && size != total) {
        throw new ModelLoadException("download of " + uri + " ended early: " + size + " of " + total
            + " bytes; run the same command again to resume");
      }
      return finish(part, target, expectedSha256, serverSha, size);
    } catch (IOException e) {
      throw new ModelLoadException("download of " + uri + " failed: " + e.getMessage()
          + "; run the same command again to resume", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LlmOpsException("download interrupted; run the same command again to resume", e);
    }
  }

  private Path finish(Path part, Path target, String expected, String serverSha, long size) throws IOException {
    String want = expected != null ? expected.toLowerCase(Locale.ROOT) : serverSha;
    String got = sha256(part);
    if (want != null && !want.equals(got)) {
      Files.deleteIfExists(part);
      throw new ModelLoadException("SHA-256 mismatch for " + target.getFileName() + ": expected " + want + ", got "
          + got + " (" + size + " bytes); the partial file was deleted");
    }
    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    progress.println("saved " + target + " (" + size + " bytes, sha256 " + got
        + (want == null ? ", not verified: the server published no digest" : ", verified") + ")");
    return target;
  }

  private static String serverDigest(HttpResponse<?> response) {
    for (String header : new String[] {"X-Linked-Etag", "ETag"}) {
      Optional<String> v = response.headers().firstValue(header);
      if (v.isPresent()) {
        String tag = v.get().replace("W/", "").replace("\"", "").trim().toLowerCase(Locale.ROOT);
        if (tag.matches("[0-9a-f]{64}")) {
          return tag;
        }
      }
    }
    return null;
  }

  static String sha256(Path file) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int r; (r = in.read(buffer)) >= 0; ) {
        sha.update(buffer, 0, r);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
