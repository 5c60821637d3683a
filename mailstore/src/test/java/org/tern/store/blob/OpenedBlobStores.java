package org.tern.store.blob;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Blob stores a test opens, closed after it (their checkpoint thread and journal with them). */
final class OpenedBlobStores implements AfterEachCallback {

    private final List<FileBlobStore> opened = new ArrayList<>();

    FileBlobStore open(Path dataDir) throws IOException {
        FileBlobStore blobs = new FileBlobStore(dataDir);
        opened.add(blobs);
        return blobs;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        opened.forEach(FileBlobStore::close);
        opened.clear();
    }
}
