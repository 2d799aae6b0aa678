package dev.skillgap.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a raw query string. The API reads its parameters from here only: Camel also
 * maps HTTP request headers to message headers, so reading headers would let a standard
 * "From:" request header pass for the from parameter.
 */
public final class QueryParameters {

    private final Map<String, List<String>> values;

    private QueryParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /** Parses "a=1&b=x%20y"; throws IllegalArgumentException for malformed percent-encoding. */
    public static QueryParameters parse(String rawQuery) {
        Map<String, List<String>> values = new HashMap<>(4);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                values.computeIfAbsent(name, key -> new ArrayList<>(1)).add(value);
            }
        }
        return new QueryParameters(values);
    }

    /** The value, or null when absent. */
    public String get(String name) {
        List<String> given = values.get(name);
        return given == null ? null : given.get(0);
    }

    public boolean isRepeated(String name) {
        List<String> given = values.get(name);
        return given != null && given.size() > 1;
    }

    private static String decode(String text) {
        return text.indexOf('%') < 0 && text.indexOf('+') < 0 ? text : URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
