package io.cardlink.api.connector;

/**
 * An open link between the local instance and the remote instance of one connector. Opening it does no I/O;
 * each gateway logs in when first used. Close it when the run or the request is over.
 */
public interface Connection extends AutoCloseable {

    /** The instance the connector points at: scheduled tasks read from it, event tasks write to it. */
    InstanceGateway remote();

    /** The customer's own instance: scheduled tasks load into it, failure cards go there. */
    InstanceGateway local();

    @Override
    void close();
}
