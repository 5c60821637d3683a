package org.tern.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tern.dist.http.HealthReport;

class HealthReportTest {

    @Test
    void upWhenStoreAndEveryListenerAreUp() {
        HealthReport r = new HealthReport(Map.of("smtp", true, "imap", true), true);
        assertThat(r.isUp()).isTrue();
        assertThat(r.toJson()).isEqualTo("{\"status\":\"up\",\"listeners\":{\"imap\":\"up\",\"smtp\":\"up\"},\"store\":\"up\"}");
    }

    @Test
    void downWhenOneListenerIsDown() {
        HealthReport r = new HealthReport(Map.of("smtp", true, "pop3", false), true);
        assertThat(r.isUp()).isFalse();
        assertThat(r.toJson()).startsWith("{\"status\":\"down\"").contains("\"pop3\":\"down\"");
    }

    @Test
    void downWhenTheStoreIsDown() {
        HealthReport r = new HealthReport(Map.of(), false);
        assertThat(r.isUp()).isFalse();
        assertThat(r.toJson()).isEqualTo("{\"status\":\"down\",\"listeners\":{},\"store\":\"down\"}");
    }
}
