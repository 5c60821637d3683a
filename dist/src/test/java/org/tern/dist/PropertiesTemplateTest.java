package org.tern.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.tern.core.config.ConfigKey;
import org.tern.core.config.ConfigKeys;
import org.tern.dist.conf.PropertiesTemplate;

class PropertiesTemplateTest {

    private static final Path COMMITTED = Path.of("src/main/dist/conf/tern.properties");

    @Test
    void committedFileIsExactlyWhatConfigKeysGenerate() throws Exception {
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("conf/tern.properties drifted from ConfigKeys; regenerate with "
                        + "java -cp ... org.tern.dist.conf.PropertiesTemplate dist/src/main/dist/conf/tern.properties")
                .isEqualTo(PropertiesTemplate.render());
    }

    @Test
    void readmeConfigurationTableMatchesConfigKeys() throws Exception {
        assertThat(Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8))
                .as("README's configuration table drifted from ConfigKeys; regenerate with "
                        + "java -cp ... org.tern.dist.conf.PropertiesTemplate --markdown")
                .contains(PropertiesTemplate.markdownTable());
    }

    @Test
    void committedFileListsEveryKeyWithItsDefaultAndComment() throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(COMMITTED, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String text = Files.readString(COMMITTED, StandardCharsets.UTF_8);
        assertThat(p.stringPropertyNames()).hasSameSizeAs(ConfigKeys.ALL);
        for (ConfigKey key : ConfigKeys.ALL) {
            assertThat(p.getProperty(key.name())).as(key.name()).isEqualTo(key.defaultValue());
            assertThat(text).contains("# " + key.comment() + "\n" + key.name() + "=");
        }
    }
}
