package org.tern.store;

/** STORE FLAGS, +FLAGS, -FLAGS. */
public enum FlagOperation { REPLACE, ADD, REMOVE }
