package org.tern.dist;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.tern.admin.service.ListenerInfo;
import org.tern.admin.service.ServerRuntime;
import org.tern.dist.http.HealthReport;

/** What {@code tern status} learns about the running server through the admin API: start time and listeners. */
final class RunningServer implements ServerRuntime {

    private final Instant started;
    private final Supplier<Map<String, String>> addresses;
    private final Supplier<HealthReport> health;

    RunningServer(Instant started, Supplier<Map<String, String>> addresses, Supplier<HealthReport> health) {
        this.started = started;
        this.addresses = addresses;
        this.health = health;
    }

    @Override
    public Instant started() {
        return started;
    }

    @Override
    public List<ListenerInfo> listeners() {
        Map<String, Boolean> up = health.get().listeners();
        List<ListenerInfo> out = new ArrayList<>();
        addresses.get().forEach((name, address) -> out.add(new ListenerInfo(name, address, up.getOrDefault(name, true))));
        return out;
    }
}
