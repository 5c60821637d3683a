package org.tern.store.jdbc;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * An H2 file system (scheme {@value #SCHEME}) that opens the database file through a
 * {@link HeaderCorrectingChannel}, which keeps H2's file header from naming an older chunk than the one H2 has just
 * written. Without it, H2 2.5.252 loses acknowledged commits at a kill -9 or power cut (see that class). Everything
 * else passes straight to the ordinary file system.
 */
public final class HeaderCorrectingFilePath extends FilePathWrapper {

    static final String SCHEME = "ternhdr";

    /** H2 creates one instance per path through this constructor; it keeps no state of its own. */
    public HeaderCorrectingFilePath() {
    }

    /** Makes the scheme known to H2; registering again replaces the previous registration. */
    static void register() {
        FilePath.register(new HeaderCorrectingFilePath());
    }

    /** The H2 database name for {@code base} (no {@code .mv.db}) through this file system. */
    static String databaseName(Path base) {
        return SCHEME + ":" + base.toAbsolutePath();
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        FileChannel channel = super.open(mode);
        return name.endsWith(".mv.db") ? new HeaderCorrectingChannel(channel) : channel;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }
}
