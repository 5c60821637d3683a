package org.tern.admin.cli;

import java.nio.file.Path;

import org.tern.store.MailStore;

/** Opens the store of a data folder when no server runs. */
@FunctionalInterface
public interface StoreOpener {

    MailStore open(Path dataDir);
}
