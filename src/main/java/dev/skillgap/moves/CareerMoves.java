package dev.skillgap.moves;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which rated occupations are closest to each rated occupation, ranked once when a snapshot is built, so a moves
 * request only walks a precomputed list. Three signals, each a similarity of a source occupation to a candidate:
 * <ul>
 *   <li>{@code skills}: minus the Euclidean distance between the skill profiles, LV / 7 and IM / 5 side by side
 *       (O*NET analyst values: the ranking does not move while LLM levels are scored);</li>
 *   <li>{@code job_zone}: minus the difference of job zones (0 when either is unknown);</li>
 *   <li>{@code text}: the cosine of the title + description embeddings (absent until they are computed).</li>
 * </ul>
 * The skills and text signals are standardised per source (minus the mean over its candidates, divided by the
 * standard deviation), so the combined score {@code w.skills * z(skills) + w.jobZone * jobZone + w.text * z(text)}
 * reads "standard deviations above this occupation's average candidate". The weights are fitted by bench/moves.
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

    private final List<String> codes;
    private final Map<String, Integer> index = new HashMap<>();
    private final int[][] ranking;
    private final float[][] score;
    private final Set<Signal> signals;
    private final long buildMillis;
    private final String inputs;

    private CareerMoves(List<String> codes, int[][] ranking, float[][] score, Set<Signal> signals, long buildMillis,
                        String inputs) {
        this.inputs = inputs;
        this.codes = codes;
        for (int i = 0; i < codes.size(); i++) {
            index.put(codes.get(i), i);
        }
        this.ranking = ranking;
        this.score = score;
        this.signals = signals;
        this.buildMillis = buildMillis;
    }

    /** Ranks every candidate for every candidate (as sources) with the given weights. */
    public static CareerMoves build(List<Candidate> candidates, Weights weights) {
        long started = System.nanoTime();
        Signals s = Signals.of(candidates);
        int n = candidates.size();
        int[][] ranking = new int[n][];
        float[][] score = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] row = s.combined(i, weights);
            score[i] = row;
            ranking[i] = s.rank(row, i);
        }
        return new CareerMoves(candidates.stream().map(Candidate::code).toList(), ranking, score, s.available(),
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
        return ranking[source];
    }

    /** The combined score of a candidate for a source. */
    public double score(int source, int target) {
        return score[source][target];
    }

    /** The signals the ranking used: text only once embeddings exist. */
    public Set<Signal> signals() {
        return signals;
    }

    public int size() {
        return codes.size();
    }

    public long buildMillis() {
        return buildMillis;
    }

    /**
     * The three signal matrices of a set of candidates, standardised as described above. Public for bench/moves,
     * which ranks by each signal alone and fits the weights.
     */
    public static final class Signals {
        private final int n;
        private final float[][] skills;
        private final float[][] jobZone;
        private final float[][] text;

        private Signals(int n, float[][] skills, float[][] jobZone, float[][] text) {
            this.n = n;
            this.skills = skills;
            this.jobZone = jobZone;
            this.text = text;
        }

        public static Signals of(List<Candidate> candidates) {
            int n = candidates.size();
            float[][] skills = new float[n][n];
            float[][] jobZone = new float[n][n];
            float[][] text = null;
            boolean anyText = candidates.stream().anyMatch(c -> c.text() != null);
            if (anyText) {
                text = new float[n][n];
            }
            double[][] profile = new double[n][];
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
            for (int i = 0; i < n; i++) {
                Candidate a = candidates.get(i);
                for (int j = i + 1; j < n; j++) {
                    Candidate b = candidates.get(j);
                    float d = (float) -distance(profile[i], profile[j]);
                    skills[i][j] = d;
                    skills[j][i] = d;
                    float z = a.jobZone() == 0 || b.jobZone() == 0 ? 0 : -Math.abs(a.jobZone() - b.jobZone());
                    jobZone[i][j] = z;
                    jobZone[j][i] = z;
                    if (text != null) {
                        float t = a.text() == null || b.text() == null ? Float.NaN : dot(a.text(), b.text());
                        text[i][j] = t;
                        text[j][i] = t;
                    }
                }
            }
            standardise(skills);
            if (text != null) {
                standardise(text);
            }
            return new Signals(n, skills, jobZone, text);
        }

        public Set<Signal> available() {
            return text == null ? EnumSet.of(Signal.SKILLS, Signal.JOB_ZONE) : EnumSet.allOf(Signal.class);
        }

        public int size() {
            return n;
        }

        /** The combined score of every candidate for one source (the source itself: negative infinity). */
        public float[] combined(int source, Weights w) {
            float[] row = new float[n];
            for (int j = 0; j < n; j++) {
                double s = w.skills() * skills[source][j] + w.jobZone() * jobZone[source][j];
                if (text != null) {
                    s += w.text() * text[source][j];
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
        public int[] rank(float[] row, int source) {
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

        /** Per row, over the other candidates: minus the mean, over the standard deviation; a missing value (NaN) is 0. */
        private static void standardise(float[][] m) {
            int n = m.length;
            for (int i = 0; i < n; i++) {
                double sum = 0;
                double sq = 0;
                int count = 0;
                for (int j = 0; j < n; j++) {
                    if (j != i && !Float.isNaN(m[i][j])) {
                        sum += m[i][j];
                        sq += (double) m[i][j] * m[i][j];
                        count++;
                    }
                }
                double mean = count == 0 ? 0 : sum / count;
                double sd = count < 2 ? 0 : Math.sqrt(Math.max(sq / count - mean * mean, 0));
                for (int j = 0; j < n; j++) {
                    m[i][j] = j == i || Float.isNaN(m[i][j]) || sd == 0 ? 0 : (float) ((m[i][j] - mean) / sd);
                }
            }
        }
    }
}
