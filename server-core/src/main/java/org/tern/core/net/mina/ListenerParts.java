package org.tern.core.net.mina;

import org.tern.core.net.ListenerSpec;
import org.tern.core.net.ProtocolHandlerFactory;
import org.tern.core.net.ServerContext;

/** What the connections of one listener share. */
record ListenerParts(ListenerSpec spec, ProtocolHandlerFactory factory, ServerContext context, ListenerMetrics metrics) {
}
