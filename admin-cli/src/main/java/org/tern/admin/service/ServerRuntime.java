package org.tern.admin.service;

import java.time.Instant;
import java.util.List;

/** What the running server tells {@code tern status} about itself; dist implements it. */
public interface ServerRuntime {

    /** When the server started. */
    Instant started();

    /** Every configured listener and whether it is bound. */
    List<ListenerInfo> listeners();
}
