package org.tern.core.sasl;

/**
 * One SASL conversation. The protocol base64-decodes each client response (or the initial response,
 * RFC 4959; an empty initial response is {@code "="} on the wire and an empty array here; no initial
 * response at all is {@code null}) and passes it to {@link #step}.
 */
public interface SaslExchange {

    SaslStep step(byte[] clientResponse);
}
