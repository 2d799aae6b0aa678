package dev.skillgap.moves;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The in-process text embedding model: LangChain4j's all-MiniLM-L6-v2 (quantized ONNX, 384 dimensions), whose
 * weights ship inside its jar. The ONNX runtime is loaded on first use only (an instance that never embeds never
 * pays its memory). Vectors are unit length, so a dot product is the cosine similarity.
 * <p>
 * Used directly rather than through camel-langchain4j-embeddings: the pass embeds a batch of texts in one call
 * ({@code embedAll}, spread over the cores by LangChain4j), and a search embeds one query inside a request; the
 * Camel component embeds one text per exchange and would add an endpoint hop to the request path.
 */
@Component("textEmbedder")
public class TextEmbedder {

    /** Part of every stored embedding's key: another model embeds everything again. */
    public static final String MODEL_NAME = "all-minilm-l6-v2-q";
    public static final int DIMENSIONS = 384;

    private volatile EmbeddingModel model;
    private final Cache<String, float[]> queries = Caffeine.newBuilder().maximumSize(10_000).build();

    public String modelName() {
        return MODEL_NAME;
    }

    /** Unit vectors of the texts, in order. */
    public float[][] embed(List<String> texts) {
        List<Embedding> embeddings = model().embedAll(texts.stream().map(TextSegment::from).toList()).content();
        float[][] vectors = new float[embeddings.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = unit(embeddings.get(i).vector());
        }
        return vectors;
    }

    /** The unit vector of a search text; recent texts (lower-cased, trimmed) come from a cache of 10,000. */
    public float[] embedQuery(String text) {
        return queries.get(text.strip().toLowerCase(Locale.ROOT), t -> unit(model().embed(t).content().vector()));
    }

    /** The text embedded for an occupation: its title and description. */
    public static String occupationText(String title, String description) {
        return title + ". " + description;
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** float32 big-endian, the Text_Embeddings.vector format. */
    public static byte[] toBytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    public static float[] fromBytes(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).asFloatBuffer().get(vector);
        return vector;
    }

    private EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    model = new AllMiniLmL6V2QuantizedEmbeddingModel();
                }
                m = model;
            }
        }
        return m;
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            return v;
        }
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / norm);
        }
        return u;
    }
}
