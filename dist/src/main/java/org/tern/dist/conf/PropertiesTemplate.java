package org.tern.dist.conf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.tern.core.config.ConfigKey;
import org.tern.core.config.ConfigKeys;

/**
 * Renders {@code conf/tern.properties} from {@link ConfigKeys#ALL}: every key with its default and its comment.
 * The committed file in {@code src/main/dist/conf} is checked against this by a test, so it cannot drift;
 * run {@code main} with the file's path to regenerate it after adding a key.
 */
public final class PropertiesTemplate {

    private PropertiesTemplate() {
    }

    /** The file's text for the given keys. */
    public static String render(List<ConfigKey> keys) {
        StringBuilder out = new StringBuilder();
        out.append("# Tern configuration (Java properties, UTF-8). Every key is listed with its default.\n");
        out.append("# Override one on the command line with: tern serve --set key=value\n");
        out.append("# Generated from org.tern.core.config.ConfigKeys; do not add keys by hand.\n");
        for (ConfigKey key : keys) {
            out.append('\n');
            out.append("# ").append(key.comment()).append('\n');
            out.append(escapeKey(key.name())).append('=').append(escapeValue(key.defaultValue())).append('\n');
        }
        return out.toString();
    }

    /** The file's text for every known key. */
    public static String render() {
        return render(ConfigKeys.ALL);
    }

    /** The README's configuration table (Markdown): key, default, meaning. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder();
        out.append("| Key | Default | Meaning |\n");
        out.append("|-----|---------|---------|\n");
        for (ConfigKey key : ConfigKeys.ALL) {
            String def = key.defaultValue().isEmpty() ? "(empty)" : "`" + key.defaultValue() + "`";
            out.append("| `").append(key.name()).append("` | ").append(def).append(" | ")
                    .append(key.comment().replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }

    /** Writes the file: {@code PropertiesTemplate <path>}; {@code PropertiesTemplate --markdown} prints the table. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PropertiesTemplate <path/to/tern.properties>");
            System.exit(2);
        }
        if (args[0].equals("--markdown")) {
            System.out.print(markdownTable());
            return;
        }
        Files.writeString(Path.of(args[0]), render(), StandardCharsets.UTF_8);
    }

    private static String escapeKey(String key) {
        return key.replace("\\", "\\\\").replace("=", "\\=").replace(":", "\\:").replace(" ", "\\ ");
    }

    private static String escapeValue(String value) {
        String v = value.replace("\\", "\\\\");
        return v.startsWith(" ") ? "\\" + v : v;
    }
}
