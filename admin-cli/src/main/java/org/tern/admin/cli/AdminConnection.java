package org.tern.admin.cli;

import org.tern.admin.service.AdminService;

/** An {@link AdminService} for one command, and what to release afterwards (the store opened offline). */
record AdminConnection(AdminService service, boolean online, AutoCloseable resource) implements AutoCloseable {

    @Override
    public void close() throws Exception {
        resource.close();
    }
}
