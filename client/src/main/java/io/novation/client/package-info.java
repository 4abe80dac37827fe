/**
 * The Java client of a Novation node: {@link io.novation.client.NovationClient} for commands, reads and history pages,
 * {@link io.novation.client.StreamClient} for the event stream with resumption, and
 * {@link io.novation.client.OrderSigner} with {@link io.novation.client.CommandJson} for what traders sign.
 */
package io.novation.client;
