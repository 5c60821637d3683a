package org.tern.smtp.hook;

import java.util.List;
import java.util.function.Function;

/** Runs hooks in order until one does not decline; all declining means accept. */
public final class HookChain {

    private HookChain() {
    }

    public static <H> HookResult run(List<H> hooks, Function<H, HookResult> call) {
        for (H hook : hooks) {
            HookResult r = call.apply(hook);
            if (r.kind() != HookResult.Kind.DECLINED) {
                return r;
            }
        }
        return HookResult.OK;
    }
}
