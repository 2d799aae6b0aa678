package dev.skillgap.ingest;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Tells the ingest routes what kind of failure they caught: the database's fault, or a held release. */
@Component
public class IngestFailures {

    /** A lost or refused connection, a lock timeout: worth running the same transaction again. */
    private static final List<Class<? extends Throwable>> TRANSIENT = List.of(
            SQLRecoverableException.class, SQLTransientException.class, TransientDataAccessException.class,
            RecoverableDataAccessException.class, DataAccessResourceFailureException.class,
            CannotCreateTransactionException.class);

    /** True when the failure (or a cause of it) says the database was unreachable, not that the release is bad. */
    public boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidReleaseException) {
                return false;
            }
            // a rollback that failed too (the connection is gone): the fault is the one that started it
            if (t instanceof TransactionSystemException tx && tx.getApplicationException() != null) {
                return isTransient(tx.getApplicationException());
            }
            for (Class<? extends Throwable> type : TRANSIENT) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }

    public boolean isHeld(Throwable failure) {
        return InvalidReleaseException.isHeld(failure);
    }
}
