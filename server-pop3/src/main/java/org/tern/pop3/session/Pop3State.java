package org.tern.pop3.session;

/** RFC 1939 §3 session states. */
public enum Pop3State { AUTHORIZATION, TRANSACTION, UPDATE }
