package dev.skillgap.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One streaming pass over a staged file (64 KB at a time, whatever its size): its SHA-256 and, for an O*NET
 * text file, the first reason it cannot be a clean UTF-8 tab-separated file: a byte order mark, UTF-16,
 * bytes that are not UTF-8 (Latin-1, Windows-1252), NUL or other control bytes (binary data), or a last
 * line without its line break (a copy cut short). Nothing of the file's content goes into the message.
 */
final class TextFileCheck {

    record Result(String sha256, String problem) {
    }

    private TextFileCheck() {
    }

    static String sha256(Path path) throws IOException {
        return scan(path, false).sha256();
    }

    /** @param text check the bytes as an O*NET text file; false: only hash */
    static Result scan(Path path, boolean text) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        ByteBuffer pending = ByteBuffer.allocate(64 * 1024 + 8);
        byte[] chunk = new byte[64 * 1024];
        String problem = null;
        long offset = 0;
        long line = 1;
        int last = -1;
        try (InputStream in = Files.newInputStream(path)) {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                digest.update(chunk, 0, n);
                if (!text || problem != null) {
                    offset += n;
                    continue;
                }
                if (offset == 0) {
                    problem = startProblem(chunk, n);
                }
                for (int i = 0; i < n && problem == null; i++) {
                    int b = chunk[i] & 0xff;
                    if (b == '\n') {
                        line++;
                    } else if (b < 0x20 && b != '\t' && b != '\r' || b == 0x7f) {
                        problem = b == 0
                                ? "line " + line + ": contains a NUL byte (0x00): this is binary data, not an O*NET"
                                  + " text file (or a file damaged in transfer)"
                                : "line " + line + ": contains the control byte 0x" + HexFormat.of().toHexDigits((byte) b)
                                  + ", which an O*NET text file never holds (binary data, or a file damaged in transfer)";
                    }
                    last = b;
                }
                if (problem == null) {
                    pending.put(chunk, 0, n).flip();
                    CoderResult result;
                    do {
                        chars.clear();
                        result = utf8.decode(pending, chars, false);
                    } while (result.isOverflow());
                    if (result.isError()) {
                        problem = notUtf8(chunk, n, pending.position() - (pending.limit() - n), line);
                    }
                    pending.compact();
                }
                offset += n;
            }
        }
        if (text && problem == null) {
            pending.flip();
            chars.clear();
            if (utf8.decode(pending, chars, true).isError() || utf8.flush(chars).isError()) {
                problem = "the file ends in the middle of a UTF-8 character: it looks cut short (an interrupted copy)";
            } else if (offset > 0 && last != '\n') {
                problem = "line " + line + ": the last line has no line break, so the file looks cut short (an"
                        + " interrupted copy); O*NET files end every line with a line break";
            }
        }
        return new Result(HexFormat.of().formatHex(digest.digest()), problem);
    }

    private static String startProblem(byte[] b, int n) {
        if (n >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return "line 1: the file starts with a UTF-8 byte order mark (BOM, the invisible bytes EF BB BF) before"
                    + " the header; O*NET files have none. Save it as UTF-8 without BOM";
        }
        if (n >= 2 && ((b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE || (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF)) {
            return "line 1: the file is in the UTF-16 encoding (it starts with a UTF-16 byte order mark); O*NET text"
                    + " files are UTF-8. Save it as UTF-8";
        }
        if (n >= 4 && (b[1] == 0 && b[3] == 0 && b[0] != 0 || b[0] == 0 && b[2] == 0 && b[1] != 0)) {
            return "line 1: the file looks like the UTF-16 encoding (every other byte is NUL); O*NET text files are"
                    + " UTF-8. Save it as UTF-8";
        }
        return null;
    }

    private static String notUtf8(byte[] chunk, int n, int index, long linesBeforeChunk) {
        long line = linesBeforeChunk;
        // linesBeforeChunk counts the whole chunk's line breaks: take back those after the bad byte
        for (int i = Math.max(index, 0); i < n; i++) {
            if (chunk[i] == '\n') {
                line--;
            }
        }
        String bad = index >= 0 && index < n ? "0x" + HexFormat.of().toHexDigits(chunk[index]).toUpperCase() : "a byte";
        return "line " + line + ": " + bad + " is not valid UTF-8 text: the file is in another encoding, most likely"
                + " Latin-1 (ISO-8859-1) or Windows-1252. O*NET text files are UTF-8: convert it (for example"
                + " iconv -f latin1 -t utf-8) and drop it again";
    }
}
