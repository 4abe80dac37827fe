package io.novation.core.command;

import io.novation.core.codec.BinaryReader;

/**
 * Reads a signed order at a reader's position (the encoding of {@link CommandFields#putOrder}, bytes): decoded afresh,
 * or an order decoded before from the same bytes, which is equal in every field and signature and keeps its digest.
 * Either way the command that holds it is the same value.
 */
@FunctionalInterface
public interface OrderReader
{
    /** Decodes every order afresh. */
    OrderReader FRESH = CommandFields::getOrder;

    /**
     * Reads one order and moves past its encoding.
     *
     * @param in positioned at the order's presence byte.
     * @return the order, or null when absent.
     * @throws io.novation.core.codec.CodecException when malformed.
     */
    Order read(BinaryReader in);
}
