package org.tern.dist.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (absent when run from classes, e.g. in tests). */
public final class TernVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = TernVersion.class.getPackage().getImplementationVersion();
        return new String[] {"tern " + (v == null ? "(development build)" : v)};
    }
}
