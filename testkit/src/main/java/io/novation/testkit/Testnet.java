package io.novation.testkit;

import io.novation.core.account.Address;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.Secp256k1;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The well-known keys and units of the test network: every participant's private key is keccak256 of its name
 * (governance, the bridge, three oracle publishers, any trader); BTC-USD in dYdX v4's units (atomic resolution -10,
 * price exponent -5), so one BTC is 1e10 base quantums and one USD 1e5 price units; USDC in quote quantums (1e-6).
 * <p>
 * A test's venue of clients extends it, so that tests name these through their venue ({@code Venue.ONE_BTC}).
 */
public class Testnet
{
    /** The governance key. */
    public static final byte[] GOVERNANCE_KEY = key("governance");
    /** The bridge key. */
    public static final byte[] BRIDGE_KEY = key("bridge");
    /** The governance address. */
    public static final Address GOVERNANCE = Address.of(Secp256k1.addressOf(GOVERNANCE_KEY));
    /** The bridge address. */
    public static final Address BRIDGE = Address.of(Secp256k1.addressOf(BRIDGE_KEY));
    /** The names of the oracle publishers, whose quorum signs every price round. */
    public static final List<String> PUBLISHERS = List.of("publisher-a", "publisher-b", "publisher-c");
    /** One BTC in BTC-USD base quantums. */
    public static final long ONE_BTC = 10_000_000_000L;
    /** One USD in BTC-USD price units. */
    public static final long USD = 100_000L;
    /** One USDC in quote quantums. */
    public static final long USDC = 1_000_000L;

    /** For the venues and participants of tests, which extend it. */
    protected Testnet()
    {
    }

    /**
     * A participant's private key.
     *
     * @param name the participant's name.
     * @return keccak256 of its UTF-8 bytes.
     */
    public static byte[] key(final String name)
    {
        return Keccak256.hash(name.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A participant's address.
     *
     * @param name the participant's name.
     * @return the address of its key.
     */
    public static Address address(final String name)
    {
        return Address.of(Secp256k1.addressOf(key(name)));
    }
}
