package org.tern.dist.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tern.core.config.ConfigException;
import org.tern.core.config.ConfigKeys;
import org.tern.core.config.TernConfig;

/**
 * Builds the config for {@code tern serve}: defaults, then the file ({@code --config}, else the distribution's
 * {@code conf/tern.properties}), then the {@code --dev} values, then every {@code --set}, later layers winning.
 */
public final class ConfigLayers {

    private ConfigLayers() {
    }

    /**
     * @param explicitFile {@code --config}; it must exist
     * @param defaultFile  the distribution's file, used when present and no {@code --config} is given
     */
    public static TernConfig load(Optional<Path> explicitFile, Optional<Path> defaultFile, boolean dev,
                                  List<String> assignments) {
        Map<String, String> file = Map.of();
        if (explicitFile.isPresent()) {
            if (!Files.isRegularFile(explicitFile.get())) {
                throw new ConfigException("configuration file " + explicitFile.get() + " does not exist");
            }
            file = TernConfig.readFile(explicitFile.get());
        } else if (defaultFile.isPresent() && Files.isRegularFile(defaultFile.get())) {
            file = TernConfig.readFile(defaultFile.get());
        }
        Map<String, String> sets = new LinkedHashMap<>();
        for (String assignment : assignments) {
            Map.Entry<String, String> e = TernConfig.parseAssignment(assignment);
            sets.put(e.getKey(), e.getValue());
        }
        Map<String, String> devLayer = dev ? ConfigKeys.devOverrides() : Map.of();
        return TernConfig.of(file, devLayer, sets);
    }
}
