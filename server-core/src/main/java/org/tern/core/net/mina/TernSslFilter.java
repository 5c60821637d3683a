package org.tern.core.net.mina;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;

/** MINA's SslFilter limited to TLS 1.2 and 1.3, without the reverse DNS lookup of the peer MINA does by default. */
public final class TernSslFilter extends SslFilter {

    /** Name of the filter in a session's chain. */
    public static final String NAME = "tls";

    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    public TernSslFilter(SSLContext context) {
        super(context);
        String[] supported = context.getSupportedSSLParameters().getProtocols();
        setEnabledProtocols(PROTOCOLS.stream().filter(p -> Arrays.asList(supported).contains(p)).toArray(String[]::new));
    }

    @Override
    protected SSLEngine createEngine(IoSession session, InetSocketAddress addr) {
        // The default passes addr.getHostName(), a reverse DNS lookup on the I/O thread.
        SSLEngine engine = sslContext.createSSLEngine();
        engine.setEnabledProtocols(enabledProtocols);
        engine.setUseClientMode(!session.isServer());
        return engine;
    }
}
