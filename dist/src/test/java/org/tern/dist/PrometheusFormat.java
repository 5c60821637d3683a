package org.tern.dist;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Checks Prometheus text exposition format (0.0.4) line by line. */
final class PrometheusFormat {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\"";
    private static final String VALUE = "(?:[-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?|NaN|[-+]Inf)";
    static final Pattern SAMPLE = Pattern.compile(
            "^" + NAME + "(?:\\{(?:" + LABEL + "(?:," + LABEL + ")*,?)?\\})? " + VALUE + "(?: -?[0-9]+)?$");
    private static final Pattern COMMENT = Pattern.compile("^# (?:HELP " + NAME + " .*|TYPE " + NAME
            + " (?:counter|gauge|histogram|summary|untyped)|.*)$");

    private PrometheusFormat() {
    }

    /** The lines that are neither a valid sample nor a comment (empty when the text is well formed). */
    static List<String> badLines(String text) {
        List<String> bad = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || COMMENT.matcher(line).matches()) {
                continue;
            }
            if (!SAMPLE.matcher(line).matches()) {
                bad.add(line);
            }
        }
        return bad;
    }
}
