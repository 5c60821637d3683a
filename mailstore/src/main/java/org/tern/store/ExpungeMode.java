package org.tern.store;

/** Which of the given messages an expunge removes. */
public enum ExpungeMode { DELETED_ONLY, ALL_GIVEN }
