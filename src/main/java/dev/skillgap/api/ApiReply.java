package dev.skillgap.api;

/** An HTTP answer of the API: status code and UTF-8 JSON body. */
public record ApiReply(int status, byte[] body) {
}
