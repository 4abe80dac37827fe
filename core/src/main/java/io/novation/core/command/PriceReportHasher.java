package io.novation.core.command;

import io.novation.core.crypto.Eip712;
import io.novation.core.crypto.Keccak256;

/**
 * Reusable scratch for the EIP-712 digests of price reports (32 bytes each): one Keccak state, the struct's four
 * words, its hash and the digest, so that a report's digest allocates nothing. Single-threaded; the digest returned
 * is this hasher's own buffer, valid until its next call.
 */
public final class PriceReportHasher
{
    private static final int WORDS = 4;
    private final Keccak256 keccak = new Keccak256();
    private final byte[] words = new byte[WORDS * Eip712.WORD_LENGTH];
    private final byte[] structHash = new byte[Keccak256.DIGEST_LENGTH];
    private final byte[] digest = new byte[Keccak256.DIGEST_LENGTH];

    /**
     * The digest a report's publisher signs: {@code keccak256(0x19 0x01 domainSeparator
     * hashStruct(PriceReport{oracle, price, publishedAt}))}.
     *
     * @param report          the report.
     * @param domainSeparator the engine's 32-byte domain separator.
     * @return this hasher's 32-byte buffer holding the digest; overwritten by the next call.
     */
    public byte[] digest(final PriceReport report, final byte[] domainSeparator)
    {
        Eip712.putBytes32(words, 0, PriceReport.TYPE_HASH);
        Eip712.putUint256(words, Eip712.WORD_LENGTH, report.oracleId());
        Eip712.putUint256(words, 2 * Eip712.WORD_LENGTH, report.price());
        Eip712.putUint256(words, 3 * Eip712.WORD_LENGTH, report.publishedAt());
        keccak.update(words, 0, words.length).digest(structHash, 0);
        Eip712.digest(domainSeparator, structHash, keccak, digest, 0);
        return digest;
    }
}
