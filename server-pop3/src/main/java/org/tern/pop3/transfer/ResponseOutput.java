package org.tern.pop3.transfer;

import java.io.IOException;

/** Where a multi-line response body goes (the session's writer); bytes are copied before this returns. */
public interface ResponseOutput {

    void writeBody(byte[] bytes, int offset, int length) throws IOException;
}
