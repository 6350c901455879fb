package dev.lambdalens.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real server binary from a Debian package (Prometheus, Alertmanager) started on a free loopback port with a
 * temporary data directory, for the tests that prove LambdaLens against the tools ops teams run. Its runtime is
 * bounded twice: {@link #close()} stops it, and {@code timeout} kills it should the test JVM die first. Where the
 * binary is missing, the test skips with a message on a developer machine and fails in CI, where {@code .ci/run}
 * installs the package.
 */
public final class LocalServer implements AutoCloseable {

    /** The longest any of these servers may live, whatever happens to the JVM that started it. */
    private static final Duration MAX_RUNTIME = Duration.ofMinutes(10);

    private final Process process;

    private final Path directory;

    private final int port;

    private LocalServer(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /**
     * Starts {@code binary} with the arguments {@code arguments} makes of (port, data directory), and waits until
     * {@code readyPath} answers 200.
     */
    public static LocalServer start(String binary, String debianPackage, String configName, String config,
            ArgumentsFor arguments, String readyPath) {
        requireInstalled(binary, debianPackage);
        Path directory;
        try {
            directory = Files.createTempDirectory("lambdalens-" + debianPackage + "-");
            Files.writeString(directory.resolve(configName), config);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        int port = freePort();
        List<String> command = new ArrayList<>();
        if (new File("/usr/bin/timeout").canExecute()) {
            command.addAll(List.of("/usr/bin/timeout", "--signal=KILL", MAX_RUNTIME.toSeconds() + "s"));
        }
        command.add(binary);
        command.addAll(arguments.apply(port, directory));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("server.log").toFile())
                .start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start " + binary, ex);
        }
        LocalServer server = new LocalServer(process, directory, port);
        server.awaitReady(readyPath);
        return server;
    }

    /** Skips (or, in CI, fails) the test when the binary is not installed. */
    public static void requireInstalled(String binary, String debianPackage) {
        boolean installed = new File(binary).canExecute();
        if (!installed && !"true".equalsIgnoreCase(System.getenv("CI"))) {
            Assumptions.abort(binary + " is not installed: apt-get install -y " + debianPackage
                    + " to run the tests against a real " + debianPackage);
        }
        assertThat(installed).as("CI must install " + debianPackage + " (.ci/run does)").isTrue();
    }

    private void awaitReady(String path) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!this.process.isAlive()) {
                throw new IllegalStateException("The server stopped: " + log());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url() + path).toURL().openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(1000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            }
            catch (IOException ex) {
                // not listening yet
            }
            try {
                Thread.sleep(200);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
        close();
        throw new IllegalStateException("The server did not get ready within 60 s: " + log());
    }

    public String url() {
        return "http://127.0.0.1:" + this.port;
    }

    public int port() {
        return this.port;
    }

    public Path directory() {
        return this.directory;
    }

    /** What the server wrote, for failure messages. */
    public String log() {
        try {
            return Files.readString(this.directory.resolve("server.log"));
        }
        catch (IOException ex) {
            return "(no log: " + ex.getMessage() + ")";
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        this.process.descendants().forEach(ProcessHandle::destroyForcibly);
        this.process.destroyForcibly();
        try {
            this.process.waitFor();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(this.directory)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
        catch (IOException ex) {
            // a temporary directory left behind is harmless
        }
    }

    /** The command-line arguments of a server, given its port and data directory. */
    @FunctionalInterface
    public interface ArgumentsFor {

        List<String> apply(int port, Path directory);
    }
}
