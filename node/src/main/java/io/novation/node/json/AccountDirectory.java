package io.novation.node.json;

import io.novation.core.account.Address;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Hex;
import io.novation.core.crypto.Secp256k1;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resolves the accounts a JSON command names, either as a "0x" address or as a name declared with a private key
 * (scenario files), and signs for the named ones: a simulation's stand-in for its users' wallets.
 */
public final class AccountDirectory implements AccountNames
{
    private final Map<String, Address> addressesByName = new LinkedHashMap<>();
    private final Map<Address, String> namesByAddress = new TreeMap<>();
    private final Map<Address, byte[]> keys = new TreeMap<>();

    /**
     * Declares a named account with its secp256k1 private key.
     *
     * @param name          e.g. "alice".
     * @param privateKeyHex 32-byte key in hex.
     * @return the account's address.
     */
    public Address declare(final String name, final String privateKeyHex)
    {
        final byte[] key = Hex.decode(privateKeyHex);
        if (key.length != 32)
        {
            throw new IllegalArgumentException("a private key has 32 bytes");
        }
        final Address address = Address.of(Secp256k1.addressOf(key));
        addressesByName.put(name, address);
        namesByAddress.put(address, name);
        keys.put(address, key);
        return address;
    }

    /**
     * The address a JSON value names.
     *
     * @param text "0x" and 40 hex digits, or a declared name.
     * @return the address.
     */
    @Override
    public Address resolve(final String text)
    {
        if (text.startsWith("0x") || text.startsWith("0X"))
        {
            return Address.parse(text);
        }
        final Address address = addressesByName.get(text);
        if (address == null)
        {
            throw new IllegalArgumentException("unknown account name '" + text + "'");
        }
        return address;
    }

    /**
     * The declared name of an address, or null.
     *
     * @param address the address.
     * @return name or null.
     */
    public String nameOf(final Address address)
    {
        return namesByAddress.get(address);
    }

    /**
     * Signs a digest for an address whose key is declared.
     *
     * @param address the signer.
     * @param digest  32 bytes.
     * @return the signature, or null when the key is not known.
     */
    public EcdsaSignature sign(final Address address, final byte[] digest)
    {
        final byte[] key = keys.get(address);
        return key == null ? null : Secp256k1.sign(digest, key);
    }
}
