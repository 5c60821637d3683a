package org.tern.admin.cli;

import java.nio.file.Path;
import java.util.Optional;

import org.tern.admin.api.AdminToken;
import org.tern.admin.api.HttpAdminClient;
import org.tern.admin.api.ServerInfoFile;
import org.tern.admin.service.AdminException;
import org.tern.admin.service.LocalAdminService;
import org.tern.store.MailStore;

/**
 * Chooses the transport: {@code --server URL} goes through the API; otherwise, if the data folder's
 * {@code run/server.json} names a live process, through the API at its URL; otherwise the store is opened directly.
 */
final class AdminConnector {

    private AdminConnector() {
    }

    static AdminConnection connect(GlobalOptions g) {
        if (g.server != null) {
            return api(g.server, token(g));
        }
        Optional<ServerInfoFile> running = runningServer(g);
        if (running.isPresent()) {
            return api(discoveredUrl(g, running.get()), token(g));
        }
        return offline(g);
    }

    private static String discoveredUrl(GlobalOptions g, ServerInfoFile running) {
        if (running.url().isBlank()) {
            throw new AdminException(AdminException.Kind.UNAVAILABLE, "a Tern server (pid " + running.pid()
                    + ") is using " + g.dataDir() + " without its HTTP listener (http.listen is empty):"
                    + " enable it to administer the running server, or stop the server first");
        }
        return running.url();
    }

    /** The API of the server named by --server or found in the data folder, if any (without opening a store). */
    static Optional<AdminConnection> connectOnlineOnly(GlobalOptions g) {
        if (g.server != null) {
            return Optional.of(api(g.server, token(g)));
        }
        return runningServer(g).map(s -> api(discoveredUrl(g, s), token(g)));
    }

    private static Optional<ServerInfoFile> runningServer(GlobalOptions g) {
        return ServerInfoFile.read(g.dataDir()).filter(ServerInfoFile::processAlive);
    }

    private static String token(GlobalOptions g) {
        Path file = g.tokenFile != null ? g.tokenFile : AdminToken.file(g.dataDir());
        return AdminToken.read(file);
    }

    private static AdminConnection api(String url, String token) {
        return new AdminConnection(new HttpAdminClient(url, token), true, () -> { });
    }

    private static AdminConnection offline(GlobalOptions g) {
        Path dir = g.dataDir();
        MailStore store;
        try {
            store = g.environment().storeOpener().open(dir);
        } catch (AdminException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AdminException(AdminException.Kind.UNAVAILABLE, "cannot open the data folder " + dir + ": "
                    + rootMessage(e) + " (is another tern process using it?)", e);
        }
        return new AdminConnection(new LocalAdminService(store), false, store::close);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        String top = e.getMessage();
        if (top != null && !top.isBlank()) {
            return m == null || m.equals(top) ? top : top + ": " + m;
        }
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
