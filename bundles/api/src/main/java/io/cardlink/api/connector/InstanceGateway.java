package io.cardlink.api.connector;

/**
 * A far side that can do everything Cardlink asks of an instance: a Matrix42 instance, the engine's local instance
 * among them. A connector type whose far side can do less implements {@link FarSide} and only the operation
 * interfaces it can.
 */
public interface InstanceGateway extends FarSide, FullRead, ChangedRead, KeyLookup, BulkWrite, CardDelete,
        FileTransfer {
}
