package io.novation.sim.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;

import java.io.IOException;
import java.util.List;

/**
 * Funds demo participants with USDC (quantums of 10^-6 USDC): the operator's bridge-signed {@code deposit} commands
 * without a base chain, or deposits made on the bridge and credited by the chain watcher with one ({@link BaseChain}).
 */
@FunctionalInterface
public interface Depositor
{
    /**
     * The commands that credit the deposits to subaccount 0 of each account.
     *
     * @param accounts the accounts.
     * @param amounts  USDC quantums, one per account.
     * @param time     the commands' time, epoch ms.
     * @return the signed commands to send, in order.
     * @throws IOException when the node or the chain cannot be used.
     */
    List<ObjectNode> deposit(List<Address> accounts, long[] amounts, long time) throws IOException;
}
