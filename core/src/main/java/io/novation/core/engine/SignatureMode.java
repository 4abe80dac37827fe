package io.novation.core.engine;

/**
 * Whether the engine checks owners' signatures itself, or trusts commands whose signatures were verified before
 * sequencing (or a simulation that declares its signatures trusted).
 */
public enum SignatureMode
{
    /** Recover the signer of every signed command and compare it with the owner. The default. */
    VERIFY,
    /** Accept signed commands as authorized: for pre-verified pipelines and declared simulations only. */
    TRUSTED
}
