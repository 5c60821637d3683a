package org.tern.store.mime;

/**
 * Streaming case-insensitive substring search (Knuth-Morris-Pratt over case-folded chars), so text can be fed
 * in chunks of any size. Folding is Unicode simple case folding per char, as SEARCH needs (RFC 3501 §6.4.4).
 */
final class FoldedMatcher {

    private final char[] needle;
    private final int[] failure;
    private int matched;

    FoldedMatcher(String needle) {
        this.needle = new char[needle.length()];
        for (int i = 0; i < needle.length(); i++) {
            this.needle[i] = fold(needle.charAt(i));
        }
        failure = new int[this.needle.length];
        int k = 0;
        for (int i = 1; i < this.needle.length; i++) {
            while (k > 0 && this.needle[i] != this.needle[k]) {
                k = failure[k - 1];
            }
            if (this.needle[i] == this.needle[k]) {
                k++;
            }
            failure[i] = k;
        }
    }

    static char fold(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    /** Feeds chars; true once the needle has been seen (an empty needle is always seen). */
    boolean feed(char[] text, int off, int len) {
        if (needle.length == 0) {
            return true;
        }
        for (int i = off; i < off + len; i++) {
            char c = fold(text[i]);
            while (matched > 0 && c != needle[matched]) {
                matched = failure[matched - 1];
            }
            if (c == needle[matched]) {
                matched++;
                if (matched == needle.length) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean feed(String s) {
        return feed(s.toCharArray(), 0, s.length());
    }

    /** Forgets a partial match, so a needle cannot span two separate texts. */
    void reset() {
        matched = 0;
    }
}
