package org.tern.admin.service;

/** A protocol listener of the running server: its name (smtp, imaps, ...), bound address and state. */
public record ListenerInfo(String name, String address, boolean up) {
}
