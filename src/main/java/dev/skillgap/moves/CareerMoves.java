package dev.skillgap.moves;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Which rated occupations are closest to each rated occupation. Three signals, each a similarity of a source
 * occupation to a candidate:
 * <ul>
 *   <li>{@code skills}: minus the Euclidean distance between the skill profiles, LV / 7 and IM / 5 side by side
 *       (O*NET analyst values: the ranking does not move while LLM levels are scored);</li>
 *   <li>{@code job_zone}: minus the difference of job zones (0 when either is unknown);</li>
 *   <li>{@code text}: the cosine of the title + description embeddings (absent until they are computed).</li>
 * </ul>
 * The skills and text signals are standardised per source (minus the mean over its candidates, divided by the
 * standard deviation), so the combined score {@code w.skills * z(skills) + w.jobZone * jobZone + w.text * z(text)}
 * reads "standard deviations above this occupation's average candidate". The weights are fitted by bench/moves.
 * <p>
 * A source's ranking is computed the first time it is asked for (one pass over the candidates and a sort, well under
 * a millisecond warm) and kept with the snapshot: ranking all 879 rated occupations of 29.3 up front cost 336 ms of
 * every snapshot build warm and ~700 ms of a start with data cold (12% of the start's main thread, JFR), for moves
 * requests that may never come. Concurrent first requests for one source compute the same row; one is kept.
 */
public final class CareerMoves {

    /** The similarity signals, by the names the API and bench/moves print. */
    public enum Signal {
        SKILLS("skills"), JOB_ZONE("job_zone"), TEXT("text");

        private final String json;

        Signal(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    /**
     * One rated occupation: LV and IM per skill (natural units, 0 where absent), its job zone (0: unknown) and its
     * text embedding (null: not computed yet).
     */
    public record Candidate(String code, double[] level, double[] importance, int jobZone, float[] text) {
    }

    /** Weights of the combined score; see the class comment. */
    public record Weights(double skills, double jobZone, double text) {

        public static Weights of(MovesProperties.Weights w) {
            return new Weights(w.skills(), w.jobZone(), w.text());
        }
    }

    /** One source's candidates, most similar first, and the combined score of every candidate. */
    private record Ranked(int[] order, float[] score) {
    }

    private final List<String> codes;
    private final Map<String, Integer> index = new HashMap<>();
    private final Rows rows;
    private final Weights weights;
    private final AtomicReferenceArray<Ranked> ranked;
    private final long buildMillis;
    private final String inputs;

    private CareerMoves(List<String> codes, Rows rows, Weights weights, long buildMillis, String inputs) {
        this.inputs = inputs;
        this.codes = codes;
        for (int i = 0; i < codes.size(); i++) {
            index.put(codes.get(i), i);
        }
        this.rows = rows;
        this.weights = weights;
        this.ranked = new AtomicReferenceArray<>(codes.size());
        this.buildMillis = buildMillis;
    }

    /** The similarity of every candidate to every candidate (as sources) with the given weights, ranked on demand. */
    public static CareerMoves build(List<Candidate> candidates, Weights weights) {
        long started = System.nanoTime();
        Rows rows = new Rows(candidates);
        return new CareerMoves(candidates.stream().map(Candidate::code).toList(), rows, weights,
                (System.nanoTime() - started) / 1_000_000, fingerprint(candidates, weights));
    }

    /** True when this ranking was built from exactly these candidates and weights (a rebuild would be the same). */
    public boolean sameInputs(List<Candidate> candidates, Weights weights) {
        return inputs.equals(fingerprint(candidates, weights));
    }

    /** SHA-256 over every input value (much cheaper than a build: one pass over the inputs, no n x n work). */
    private static String fingerprint(List<Candidate> candidates, Weights weights) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            digest.update(weights.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (Candidate c : candidates) {
                digest.update(c.code().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(8 * (c.level().length + c.importance().length)
                        + 4 + (c.text() == null ? 0 : 4 * c.text().length));
                for (double v : c.level()) {
                    buffer.putDouble(v);
                }
                for (double v : c.importance()) {
                    buffer.putDouble(v);
                }
                buffer.putInt(c.jobZone());
                if (c.text() != null) {
                    for (float v : c.text()) {
                        buffer.putFloat(v);
                    }
                }
                digest.update(buffer.array(), 0, buffer.position());
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The position of a code among the candidates, or -1 (no skill ratings). */
    public int indexOf(String code) {
        return index.getOrDefault(code, -1);
    }

    public String code(int index) {
        return codes.get(index);
    }

    /** Every other candidate, most similar first. */
    public int[] ranked(int source) {
        return rankedRow(source).order();
    }

    /** The combined score of a candidate for a source. */
    public double score(int source, int target) {
        return rankedRow(source).score()[target];
    }

    private Ranked rankedRow(int source) {
        Ranked row = ranked.get(source);
        if (row == null) {
            float[] score = rows.combined(source, weights);
            ranked.compareAndSet(source, null, new Ranked(rows.rank(score, source), score));
            row = ranked.get(source);
        }
        return row;
    }

    /** The signals the ranking uses: text only once embeddings exist. */
    public Set<Signal> signals() {
        return rows.available();
    }

    public int size() {
        return codes.size();
    }

    /** Milliseconds the build took (the profiles and the inputs' fingerprint; rankings are computed on demand). */
    public long buildMillis() {
        return buildMillis;
    }

    /**
     * The three signal matrices of a set of candidates, standardised as described above, computed whole. Public for
     * bench/moves, which ranks by each signal alone for many weights and fits them.
     */
    public static final class Signals {
        private final Rows rows;
        private final float[][] skills;
        private final float[][] jobZone;
        private final float[][] text;

        private Signals(Rows rows) {
            this.rows = rows;
            int n = rows.size();
            skills = new float[n][];
            jobZone = new float[n][];
            text = rows.hasText() ? new float[n][] : null;
            for (int i = 0; i < n; i++) {
                skills[i] = rows.skills(i);
                jobZone[i] = rows.jobZone(i);
                if (text != null) {
                    text[i] = rows.text(i);
                }
            }
        }

        public static Signals of(List<Candidate> candidates) {
            return new Signals(new Rows(candidates));
        }

        public Set<Signal> available() {
            return rows.available();
        }

        public int size() {
            return rows.size();
        }

        /** The combined score of every candidate for one source (the source itself: negative infinity). */
        public float[] combined(int source, Weights w) {
            return Rows.combined(source, w, skills[source], jobZone[source], text == null ? null : text[source]);
        }

        /** See {@link Rows#rank}. */
        public int[] rank(float[] row, int source) {
            return rows.rank(row, source);
        }
    }

    /** The signals of one source against every candidate, row by row (the ranking's and bench/moves' one computation). */
    private static final class Rows {
        private final List<Candidate> candidates;
        private final double[][] profile;
        private final boolean anyText;
        private final int n;

        Rows(List<Candidate> candidates) {
            this.candidates = candidates;
            this.n = candidates.size();
            this.anyText = candidates.stream().anyMatch(c -> c.text() != null);
            this.profile = new double[n][];
            for (int i = 0; i < n; i++) {
                Candidate c = candidates.get(i);
                double[] p = new double[c.level().length + c.importance().length];
                for (int k = 0; k < c.level().length; k++) {
                    p[k] = c.level()[k] / 7.0;
                }
                for (int k = 0; k < c.importance().length; k++) {
                    p[c.level().length + k] = c.importance()[k] / 5.0;
                }
                profile[i] = p;
            }
        }

        int size() {
            return n;
        }

        boolean hasText() {
            return anyText;
        }

        Set<Signal> available() {
            return anyText ? EnumSet.allOf(Signal.class) : EnumSet.of(Signal.SKILLS, Signal.JOB_ZONE);
        }

        /** Skills similarity of every candidate to the source, standardised (the source itself: 0). */
        float[] skills(int source) {
            float[] row = new float[n];
            for (int j = 0; j < n; j++) {
                if (j != source) {
                    row[j] = (float) -distance(profile[source], profile[j]);
                }
            }
            standardise(row, source);
            return row;
        }

        /** Minus the job zone difference (0 when either is unknown, and for the source itself). */
        float[] jobZone(int source) {
            float[] row = new float[n];
            int a = candidates.get(source).jobZone();
            for (int j = 0; j < n; j++) {
                int b = candidates.get(j).jobZone();
                row[j] = j == source || a == 0 || b == 0 ? 0 : -Math.abs(a - b);
            }
            return row;
        }

        /** Text cosine of every candidate to the source, standardised; null when no candidate has an embedding. */
        float[] text(int source) {
            if (!anyText) {
                return null;
            }
            float[] row = new float[n];
            float[] a = candidates.get(source).text();
            for (int j = 0; j < n; j++) {
                float[] b = candidates.get(j).text();
                if (j != source) {
                    row[j] = a == null || b == null ? Float.NaN : dot(a, b);
                }
            }
            standardise(row, source);
            return row;
        }

        float[] combined(int source, Weights w) {
            return combined(source, w, skills(source), jobZone(source), text(source));
        }

        static float[] combined(int source, Weights w, float[] skills, float[] jobZone, float[] text) {
            float[] row = new float[skills.length];
            for (int j = 0; j < row.length; j++) {
                double s = w.skills() * skills[j] + w.jobZone() * jobZone[j];
                if (text != null) {
                    s += w.text() * text[j];
                }
                row[j] = (float) s;
            }
            row[source] = Float.NEGATIVE_INFINITY;
            return row;
        }

        /**
         * The candidates ordered by a row of scores, highest first, without the source. Ties (job zone alone has
         * many) in a fixed scrambled order, not by index: the index follows the code, and neighbouring codes are
         * related, which would flatter a signal. Sorted as primitive longs (score bits, tie key, index), without boxing;
         * at most 65,535 candidates.
         */
        int[] rank(float[] row, int source) {
            long[] keys = new long[n - 1];
            int k = 0;
            for (int j = 0; j < n; j++) {
                if (j != source) {
                    int bits = Float.floatToIntBits(row[j]);
                    int sortable = bits >= 0 ? bits : bits ^ 0x7fffffff; // ascending ints in ascending float order
                    keys[k++] = ((long) ~sortable << 32) | ((long) (scramble(j) & 0xffff) << 16) | j; // highest first
                }
            }
            Arrays.sort(keys);
            int[] order = new int[keys.length];
            for (int i = 0; i < keys.length; i++) {
                order[i] = (int) (keys[i] & 0xffff);
            }
            return order;
        }

        private static int scramble(int j) {
            int h = j * 0x9E3779B1;
            return h ^ (h >>> 15);
        }

        private static double distance(double[] a, double[] b) {
            double sum = 0;
            for (int k = 0; k < a.length; k++) {
                double d = a[k] - b[k];
                sum += d * d;
            }
            return Math.sqrt(sum);
        }

        private static float dot(float[] a, float[] b) {
            double sum = 0;
            for (int k = 0; k < a.length; k++) {
                sum += a[k] * b[k];
            }
            return (float) sum;
        }

        /** Over the other candidates of the source: minus the mean, over the standard deviation; a missing value (NaN) is 0. */
        private static void standardise(float[] row, int source) {
            int n = row.length;
            double sum = 0;
            double sq = 0;
            int count = 0;
            for (int j = 0; j < n; j++) {
                if (j != source && !Float.isNaN(row[j])) {
                    sum += row[j];
                    sq += (double) row[j] * row[j];
                    count++;
                }
            }
            double mean = count == 0 ? 0 : sum / count;
            double sd = count < 2 ? 0 : Math.sqrt(Math.max(sq / count - mean * mean, 0));
            for (int j = 0; j < n; j++) {
                row[j] = j == source || Float.isNaN(row[j]) || sd == 0 ? 0 : (float) ((row[j] - mean) / sd);
            }
        }
    }
}
