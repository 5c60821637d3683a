package org.tern.admin.cli;

import org.tern.admin.service.AdminService;

/** An {@link AdminService} for one command, and what to release afterwards (the store opened offline). */
record AdminConnection(AdminService service, boolean online, Runnable release) implements AutoCloseable {

    @Override
    public void close() {
        release.run();
    }
}
