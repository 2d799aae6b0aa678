package dev.skillgap.ingest;

import java.util.ArrayList;
import java.util.List;

/** Collects validation errors of one file, keeping the first few and counting all. */
final class ErrorLog {

    private final int keep;
    private final List<String> first = new ArrayList<>();
    private int count;

    ErrorLog(int keep) {
        this.keep = keep;
    }

    void add(int line, String message) {
        count++;
        if (first.size() < keep) {
            first.add("line " + line + ": " + message);
        }
    }

    int count() {
        return count;
    }

    List<String> first() {
        return List.copyOf(first);
    }
}
