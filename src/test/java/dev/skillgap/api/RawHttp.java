package dev.skillgap.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A plain-socket HTTP/1.0 client for the tests: it sends exactly the bytes it is given (raw {@code <>},
 * bad escapes, CRLF attempts, over-long headers: everything java.net.http refuses to send) and parses
 * the answer without interpreting it. HTTP/1.0 so Tomcat answers without chunked encoding and closes.
 */
final class RawHttp {

    /** Headers Tomcat adds itself to carry the response; everything else is the service's. */
    static final Set<String> TRANSPORT = Set.of("date", "content-length", "transfer-encoding", "connection", "keep-alive");

    /** The status of an HTTP/0.9 answer, which has none. */
    static final int HTTP_0_9 = 0;

    private RawHttp() {
    }

    record Response(int status, Map<String, List<String>> headers, String body) {

        /** Lower-case header names without Tomcat's transport headers. */
        Set<String> serviceHeaderNames() {
            Set<String> names = new TreeSet<>(headers.keySet());
            names.removeAll(TRANSPORT);
            return names;
        }

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    static Response send(int port, String method, String target, List<String> headerLines) throws IOException {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.0\r\n")
                .append("Host: localhost:").append(port).append("\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        request.append("\r\n");
        return exchange(port, request.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Response exchange(int port, byte[] requestBytes) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            // read while writing: for an over-long request Tomcat answers and closes before it has read it
            // all, and a reader that starts only after the write would lose the answer to the reset
            java.util.concurrent.CompletableFuture<byte[]> answer = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return readAll(socket.getInputStream());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            OutputStream out = socket.getOutputStream();
            try {
                out.write(requestBytes);
                out.flush();
            } catch (IOException e) {
                // the server answered and closed before reading everything: the answer is still read
            }
            try {
                return parse(answer.get(15, java.util.concurrent.TimeUnit.SECONDS));
            } catch (InterruptedException | java.util.concurrent.ExecutionException
                     | java.util.concurrent.TimeoutException e) {
                throw new IOException("no answer to " + new String(requestBytes, 0, Math.min(100, requestBytes.length),
                        StandardCharsets.UTF_8), e);
            }
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                bytes.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            if (bytes.size() == 0) {
                throw e;
            }
        }
        return bytes.toByteArray();
    }

    static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        if (!text.startsWith("HTTP/")) {
            // HTTP/0.9: a request line without a version (e.g. cut short by a raw CRLF) is answered with
            // the body alone, no status line and no headers (nothing at all for an answer without a body)
            return new Response(HTTP_0_9, Map.of(), text);
        }
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IllegalStateException("not an HTTP response: " + text.substring(0, Math.min(200, text.length())));
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, List<String>> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        return new Response(status, headers, text.substring(end + 4));
    }
}
