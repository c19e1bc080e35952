package org.dmasim.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A headless Chromium from the system's packages, driven over the DevTools protocol (a WebSocket
 * from the JDK's HTTP client, JSON by Jackson): one browser process and one tab for every page a
 * test loads. {@link #load} says what went wrong while a page loaded: uncaught exceptions, console
 * errors, failed loads and any request that left the file system.
 */
final class Chromium implements AutoCloseable {
    /** Where the test looks for the browser, after {@code -Ddmasim.chromium} and {@code $CHROMIUM}. */
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome",
            "google-chrome-stable");
    /** The flags that work as root in a sandbox with no network (no first-run, sync or update traffic). */
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-extensions", "--mute-audio", "--hide-scrollbars");
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path stderr;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private String session;

    /** What went wrong while one page loaded, as messages; empty when nothing did. */
    record Load(List<String> problems) {
    }

    private Chromium(Process process, Path stderr, WebSocket socket) {
        this.process = process;
        this.stderr = stderr;
        this.socket = socket;
    }

    /** The browser to use: {@code -Ddmasim.chromium}, {@code $CHROMIUM}, or the first of {@link #NAMES} on the PATH. */
    static Optional<Path> find() {
        for (String given : new String[] {System.getProperty("dmasim.chromium"), System.getenv("CHROMIUM")}) {
            if (given != null && !given.isBlank()) {
                return Optional.of(Path.of(given)).filter(Files::isExecutable);
            }
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            for (String name : NAMES) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Starts {@code binary} headless with a new profile in {@code profile}, a window of
     * {@code width}x{@code height}, and opens a tab; throws with the browser's own words when it
     * does not come up.
     */
    static Chromium start(Path binary, Path profile, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(profile);
        Path port = profile.resolve("DevToolsActivePort");
        Files.deleteIfExists(port);
        Path stderr = profile.resolve("chromium.log");
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(FLAGS);
        command.add("--window-size=" + width + "," + height);
        command.add("--user-data-dir=" + profile.toAbsolutePath());
        command.add("--remote-debugging-port=0");
        command.add("about:blank");
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile()).start();
        long deadline = System.nanoTime() + START.toNanos();
        while (!Files.exists(port) || Files.readAllLines(port).size() < 2) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                kill(process);
                throw new IOException(binary + " did not start: " + tail(stderr));
            }
            Thread.sleep(50);
        }
        List<String> lines = Files.readAllLines(port);
        URI uri = URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
        Chromium[] self = new Chromium[1];
        WebSocket socket;
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(STEP)
                    .buildAsync(uri, new Listener(self)).get(STEP.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            kill(process);
            throw new IOException("cannot reach the DevTools endpoint " + uri + ": " + e + "; " + tail(stderr), e);
        }
        Chromium c = new Chromium(process, stderr, socket);
        self[0] = c;
        c.open();
        return c;
    }

    /** A new tab, attached with its own session, with the domains whose events {@link #load} reads. */
    private void open() throws IOException {
        String target = call(null, "Target.createTarget", params().put("url", "about:blank")).get("targetId").asText();
        session = call(null, "Target.attachToTarget", params().put("targetId", target).put("flatten", true))
                .get("sessionId").asText();
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            call(session, domain + ".enable", params());
        }
    }

    /** Loads {@code page} in the tab and waits for its load event; says what went wrong meanwhile. */
    Load load(Path page) throws IOException, InterruptedException {
        events.clear();
        String url = page.toAbsolutePath().toUri().toString();
        JsonNode nav = call(session, "Page.navigate", params().put("url", url));
        List<String> problems = new ArrayList<>();
        if (nav.hasNonNull("errorText")) {
            problems.add("navigation failed: " + nav.get("errorText").asText());
            return new Load(problems);
        }
        long deadline = System.nanoTime() + STEP.toNanos();
        boolean loaded = false;
        while (!loaded) {
            JsonNode e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                problems.add("no load event within " + STEP.toSeconds() + " s");
                break;
            }
            loaded = e.path("method").asText().equals("Page.loadEventFired");
            problem(e).ifPresent(problems::add);
        }
        // what the page's scripts do on load runs before the event; anything still queued counts too
        for (JsonNode e; (e = events.poll()) != null; ) {
            problem(e).ifPresent(problems::add);
        }
        return new Load(problems);
    }

    /** What one protocol event says went wrong, if anything. */
    private static Optional<String> problem(JsonNode e) {
        JsonNode p = e.path("params");
        return switch (e.path("method").asText()) {
            case "Runtime.exceptionThrown" -> Optional.of("uncaught exception: "
                    + p.path("exceptionDetails").path("exception").path("description")
                            .asText(p.path("exceptionDetails").path("text").asText()));
            case "Runtime.consoleAPICalled" -> p.path("type").asText().matches("error|assert")
                    ? Optional.of("console." + p.path("type").asText() + ": " + p.path("args")) : Optional.empty();
            case "Log.entryAdded" -> p.path("entry").path("level").asText().equals("error")
                    ? Optional.of("console error: " + p.path("entry").path("text").asText()) : Optional.empty();
            case "Network.requestWillBeSent" -> {
                String url = p.path("request").path("url").asText();
                yield url.startsWith("file:") || url.startsWith("data:") || url.startsWith("about:") ? Optional.empty()
                        : Optional.of("a request left the page's own file: " + url);
            }
            case "Network.loadingFailed" -> Optional.of("loading failed: " + p.path("errorText").asText());
            default -> Optional.empty();
        };
    }

    /** The value of {@code expression} in the page (JSON-serializable); an exception in it is an error. */
    JsonNode evaluate(String expression) throws IOException {
        JsonNode r = call(session, "Runtime.evaluate", params().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IOException("evaluating in the page failed: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** A PNG of the tab's viewport. */
    byte[] screenshot() throws IOException {
        String data = call(session, "Page.captureScreenshot", params().put("format", "png")).get("data").asText();
        return java.util.Base64.getDecoder().decode(data);
    }

    private static ObjectNode params() {
        return JSON.createObjectNode();
    }

    private JsonNode call(String sessionId, String method, ObjectNode params) throws IOException {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            socket.sendText(JSON.writeValueAsString(message), true).get(STEP.toSeconds(), TimeUnit.SECONDS);
            JsonNode reply = answer.get(STEP.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IOException(method + ": " + reply.get("error"));
            }
            return reply.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(method + " interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException(method + ": no answer (" + e + "); " + tail(stderr), e);
        } finally {
            pending.remove(id);
        }
    }

    private void received(String text) {
        try {
            JsonNode m = JSON.readTree(text);
            if (m.has("id")) {
                CompletableFuture<JsonNode> f = pending.get(m.get("id").asInt());
                if (f != null) {
                    f.complete(m);
                }
            } else {
                events.add(m);
            }
        } catch (IOException e) {
            events.add(JSON.createObjectNode().put("method", "Runtime.exceptionThrown").set("params",
                    JSON.createObjectNode().set("exceptionDetails", JSON.createObjectNode().put("text",
                            "unreadable DevTools message: " + e.getMessage()))));
        }
    }

    @Override
    public void close() {
        try {
            socket.sendText("{\"id\":0,\"method\":\"Browser.close\"}", true).get(5, TimeUnit.SECONDS);
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the browser is killed below in any case
        }
        socket.abort();
        kill(process);
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** The last lines the browser printed, for messages. */
    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "its last output:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "no output";
        }
    }

    /** Joins text frames into messages (the JDK may deliver a long message in parts). */
    private static final class Listener implements WebSocket.Listener {
        private final Chromium[] owner;
        private final StringBuilder partial = new StringBuilder();

        Listener(Chromium[] owner) {
            this.owner = owner;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                if (owner[0] != null) {
                    owner[0].received(message);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
