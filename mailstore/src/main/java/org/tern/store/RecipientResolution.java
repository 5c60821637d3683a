package org.tern.store;

import java.util.List;

/** What an envelope recipient means to this server. */
public sealed interface RecipientResolution {

    /** The domain is local and these accounts receive the message (deduplicated). */
    record Local(List<Account> accounts) implements RecipientResolution {
    }

    /** The domain is local but no account or alias matches. */
    record UnknownUser(String address) implements RecipientResolution {
    }

    /** The domain is not ours: a remote recipient. */
    record Remote(String address) implements RecipientResolution {
    }
}
