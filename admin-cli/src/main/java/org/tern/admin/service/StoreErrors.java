package org.tern.admin.service;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tern.store.AliasLoopException;
import org.tern.store.AlreadyExistsException;
import org.tern.store.DomainNotEmptyException;
import org.tern.store.InvalidNameException;
import org.tern.store.MailStoreException;
import org.tern.store.MailboxOperationException;
import org.tern.store.NotFoundException;
import org.tern.store.QuotaExceededException;
import org.tern.store.StoreUnavailableException;

/** The one place store exceptions become {@link AdminException}s. */
final class StoreErrors {

    private static final Logger LOG = LoggerFactory.getLogger(StoreErrors.class);

    private StoreErrors() {
    }

    static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (AdminException e) {
            throw e;
        } catch (MailStoreException e) {
            throw translate(e);
        } catch (IllegalArgumentException e) {
            throw AdminException.badInput(message(e));
        } catch (RuntimeException e) {
            LOG.error("admin operation failed", e);
            throw new AdminException(AdminException.Kind.INTERNAL, "internal error: " + message(e), e);
        }
    }

    static void run(Runnable operation) {
        call(() -> {
            operation.run();
            return null;
        });
    }

    static AdminException translate(MailStoreException e) {
        String m = message(e);
        if (e instanceof InvalidNameException) {
            return new AdminException(AdminException.Kind.BAD_INPUT, m, e);
        }
        if (e instanceof NotFoundException) {
            return new AdminException(AdminException.Kind.NOT_FOUND, m, e);
        }
        if (e instanceof AlreadyExistsException || e instanceof DomainNotEmptyException
                || e instanceof AliasLoopException || e instanceof MailboxOperationException
                || e instanceof QuotaExceededException) {
            return new AdminException(AdminException.Kind.CONFLICT, m, e);
        }
        if (e instanceof StoreUnavailableException) {
            return new AdminException(AdminException.Kind.UNAVAILABLE, "store unavailable: " + m, e);
        }
        LOG.error("admin operation failed", e);
        return new AdminException(AdminException.Kind.INTERNAL, m, e);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
