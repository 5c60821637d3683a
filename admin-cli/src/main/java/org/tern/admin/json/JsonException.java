package org.tern.admin.json;

/** Malformed JSON, or JSON of the wrong shape; the message says where and what. */
public class JsonException extends RuntimeException {

    public JsonException(String message) {
        super(message);
    }
}
