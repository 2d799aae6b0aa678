package dev.skillgap.ingest;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One parsed row as a {@code Map} from column name to value (what the checks and the SQL parameters read),
 * stored as an array indexed by a column layout that all rows of a file kind share. Hand-written because a
 * HashMap per row was most of a load's heap (measured on Skills.txt of 29.3, 61,530 rows: README "Loading speed"):
 * the map's table and one entry object per column cost ~0.7 KB a row before any value. Like a HashMap, a column
 * written with {@code null} is present (containsKey) and one never written is not. Not thread-safe, like a HashMap.
 */
final class RowValues extends AbstractMap<String, Object> {

    /** The columns of one file kind, numbered in the order they are first written; shared by all its rows. */
    static final class Layout {
        private final Map<String, Integer> index = new ConcurrentHashMap<>();
        private volatile String[] names = new String[0];

        int indexOf(Object column) {
            Integer i = index.get(column);
            return i == null ? -1 : i;
        }

        synchronized int add(String column) {
            Integer i = index.get(column);
            if (i != null) {
                return i;
            }
            String[] grown = Arrays.copyOf(names, names.length + 1);
            grown[names.length] = column;
            names = grown;
            index.put(column, names.length - 1);
            return names.length - 1;
        }

        String name(int i) {
            return names[i];
        }

        int size() {
            return names.length;
        }
    }

    /** The value of a column this row never wrote. */
    private static final Object ABSENT = new Object();

    private final Layout layout;
    private Object[] values;

    RowValues(Layout layout) {
        this.layout = layout;
        this.values = absent(new Object[layout.size()], 0);
    }

    private static Object[] absent(Object[] values, int from) {
        Arrays.fill(values, from, values.length, ABSENT);
        return values;
    }

    private Object at(Object column) {
        int i = layout.indexOf(column);
        return i >= 0 && i < values.length ? values[i] : ABSENT;
    }

    @Override
    public Object get(Object column) {
        Object v = at(column);
        return v == ABSENT ? null : v;
    }

    @Override
    public boolean containsKey(Object column) {
        return at(column) != ABSENT;
    }

    @Override
    public Object put(String column, Object value) {
        int i = layout.indexOf(column);
        if (i < 0) {
            i = layout.add(column);
        }
        if (i >= values.length) {
            int from = values.length;
            values = absent(Arrays.copyOf(values, layout.size()), from);
        }
        Object old = values[i];
        values[i] = value;
        return old == ABSENT ? null : old;
    }

    @Override
    public Object remove(Object column) {
        int i = layout.indexOf(column);
        if (i < 0 || i >= values.length) {
            return null;
        }
        Object old = values[i];
        values[i] = ABSENT;
        return old == ABSENT ? null : old;
    }

    /** The columns this row wrote, in layout order. */
    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next = advance(0);

                    private int advance(int from) {
                        int i = from;
                        while (i < values.length && values[i] == ABSENT) {
                            i++;
                        }
                        return i;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        int i = next;
                        next = advance(i + 1);
                        return new SimpleImmutableEntry<>(layout.name(i), values[i]);
                    }
                };
            }

            @Override
            public int size() {
                int n = 0;
                for (Object v : values) {
                    if (v != ABSENT) {
                        n++;
                    }
                }
                return n;
            }
        };
    }
}
