package io.novation.node.json;

import io.novation.core.account.Address;

/**
 * Resolves the text a JSON command names an account with into its address.
 */
@FunctionalInterface
public interface AccountNames
{
    /** Accepts only "0x" addresses: the production vocabulary, with no declared names. */
    AccountNames ADDRESSES_ONLY = text ->
    {
        if (text.startsWith("0x") || text.startsWith("0X"))
        {
            return Address.parse(text);
        }
        throw new IllegalArgumentException("unknown account name '" + text + "'");
    };

    /**
     * The address a JSON value names.
     *
     * @param text "0x" and 40 hex digits, or a name the resolver knows.
     * @return the address.
     * @throws IllegalArgumentException when the text names no account.
     */
    Address resolve(String text);
}
