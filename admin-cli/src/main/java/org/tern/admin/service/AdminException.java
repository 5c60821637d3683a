package org.tern.admin.service;

/**
 * Why an admin operation failed, with a message fit for one line on an operator's terminal.
 * The {@link Kind} decides the HTTP status on the API and travels back through {@code HttpAdminClient}.
 */
public class AdminException extends RuntimeException {

    /** Failure classes, each with the HTTP status the admin API answers with. */
    public enum Kind {
        BAD_INPUT(400), UNAUTHORIZED(401), NOT_FOUND(404), CONFLICT(409), INTERNAL(500), UNAVAILABLE(503);

        private final int httpStatus;

        Kind(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }

        /** The kind an HTTP error status stands for (unknown 4xx as bad input, 5xx as internal). */
        public static Kind forHttpStatus(int status) {
            for (Kind k : values()) {
                if (k.httpStatus == status) {
                    return k;
                }
            }
            return status >= 500 ? INTERNAL : BAD_INPUT;
        }
    }

    private final Kind kind;

    public AdminException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public AdminException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static AdminException badInput(String message) {
        return new AdminException(Kind.BAD_INPUT, message);
    }

    public static AdminException notFound(String message) {
        return new AdminException(Kind.NOT_FOUND, message);
    }

    public static AdminException conflict(String message) {
        return new AdminException(Kind.CONFLICT, message);
    }
}
