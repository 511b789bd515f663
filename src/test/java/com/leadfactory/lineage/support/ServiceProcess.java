package com.leadfactory.lineage.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service in its own JVM, started from the test's class path the way production starts it, so a test can
 * SIGKILL or SIGTERM it. Output goes to target/fault-logs/NAME.log. A JaCoCo agent on the test JVM is passed on
 * (coverage of instances stopped gracefully is recorded; a killed JVM loses its own). The port is free and
 * random ({@code server.port=0}) unless the properties name one.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
    private static final String DEFAULT_HEAP = "-Xmx384m";

    private final String name;
    private final Map<String, String> properties;
    private final Path log;
    private final List<String> jvmOptions = new ArrayList<>(List.of(DEFAULT_HEAP));
    private final Map<String, String> environment = new java.util.LinkedHashMap<>();
    private Process process;
    private int port;
    private long logStartOffset;

    public ServiceProcess(String name, Map<String, String> properties) {
        this.name = name;
        this.properties = properties;
        this.log = Path.of("target", "fault-logs", name + ".log");
    }

    /** Another maximum heap than the default 384 MB, e.g. {@code "160m"}; call before {@link #start}. */
    public ServiceProcess maxHeap(String size) {
        jvmOptions.removeIf(option -> option.startsWith("-Xmx"));
        jvmOptions.add("-Xmx" + size);
        return this;
    }

    /** One more option for the service's JVM (e.g. {@code -Xlog:gc:file=...}); call before {@link #start}. */
    public ServiceProcess jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** An environment variable for the service's process, e.g. a setting as a deployment passes it; before start. */
    public ServiceProcess environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public ServiceProcess start() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-XX:TieredStopAtLevel=1");
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("-javaagent:") && arg.contains("jacoco"))
                .forEach(command::add);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("com.leadfactory.lineage.LineagePanelApplication");
        if (!properties.containsKey("server.port")) {
            command.add("--server.port=0");
        }
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(log.getParent());
            logStartOffset = logSize();
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            process = builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
        port = properties.containsKey("server.port") ? Integer.parseInt(properties.get("server.port")) : 0;
        return this;
    }

    /** Waits until the port is known and readiness answers 200 (every route started, dependencies up). */
    public ServiceProcess awaitReady(Duration bound) {
        long started = System.nanoTime();
        if (port == 0) {
            awaitStarted(bound);
        }
        Duration left = bound.minusNanos(System.nanoTime() - started);
        Await.until(name + " is ready (see " + log + ")", left, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + "; see " + log);
            }
            return Http.status(port, "/actuator/health/readiness") == 200;
        });
        return this;
    }

    /** Waits until the HTTP port is logged (the application context is up, routes started). */
    public ServiceProcess awaitStarted(Duration bound) {
        Await.until(name + " has started (see " + log + ")", bound, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + "; see " + log);
            }
            Matcher matcher = PORT.matcher(logTail(logStartOffset));
            if (matcher.find()) {
                port = Integer.parseInt(matcher.group(1));
                return true;
            }
            return false;
        });
        return this;
    }

    /** The operating system's id of the service's process (for {@code jcmd}). */
    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    /** Where its output goes (appended to across starts and runs). */
    public Path logFile() {
        return log;
    }

    /** SIGKILL: no shutdown hook, no graceful stop, unacked messages stay with the broker. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** Sends SIGTERM (what a container platform sends first); the service shuts down gracefully. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end by itself within the bound; returns its exit code. */
    public int awaitExit(Duration bound) {
        try {
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " still runs " + bound + " after being asked to stop; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** What the service logged since it was started (the log file accumulates across starts). */
    public String log() {
        return logTail(logStartOffset);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private void waitFor() {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long logSize() {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private String logTail(long from) {
        try {
            byte[] bytes = Files.readAllBytes(log);
            return new String(bytes, (int) Math.min(from, bytes.length), (int) Math.max(0, bytes.length - from));
        } catch (IOException e) {
            return "";
        }
    }
}
