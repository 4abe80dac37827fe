package io.novation.core.engine;

import io.novation.core.account.Address;
import io.novation.core.crypto.Eip712;

/**
 * Genesis settings of an engine: the EIP-712 domain its signatures are bound to (chain id and bridge contract)
 * and whether it verifies signatures.
 *
 * @param chainId           base-chain id of the EIP-712 domain.
 * @param verifyingContract bridge contract address of the EIP-712 domain.
 * @param signatureMode     verify (default) or trust signatures.
 */
public record EngineConfig(long chainId, Address verifyingContract, SignatureMode signatureMode)
{
    /** EIP-712 domain name. */
    public static final String DOMAIN_NAME = "Novation";
    /** EIP-712 domain version. */
    public static final String DOMAIN_VERSION = "1";

    /**
     * Validates the settings.
     */
    public EngineConfig
    {
        if (chainId <= 0)
        {
            throw new IllegalArgumentException("chain id must be positive");
        }
        java.util.Objects.requireNonNull(verifyingContract, "verifyingContract");
        java.util.Objects.requireNonNull(signatureMode, "signatureMode");
    }

    /**
     * Local defaults: chain id 31337 (a local EVM), a zero bridge address, signatures verified.
     *
     * @return the configuration.
     */
    public static EngineConfig defaults()
    {
        return new EngineConfig(31337, Address.of(new byte[Address.LENGTH]), SignatureMode.VERIFY);
    }

    /**
     * The same settings with another signature mode.
     *
     * @param mode the mode.
     * @return new configuration.
     */
    public EngineConfig withSignatureMode(final SignatureMode mode)
    {
        return new EngineConfig(chainId, verifyingContract, mode);
    }

    /**
     * The EIP-712 domain separator of {@code EIP712Domain(string name,string version,uint256 chainId,
     * address verifyingContract)} with name "Novation" and version "1".
     *
     * @return 32 bytes.
     */
    public byte[] domainSeparator()
    {
        return Eip712.domainSeparator(DOMAIN_NAME, DOMAIN_VERSION, chainId, verifyingContract.toBytes());
    }
}
