package io.novation.core.crypto;

import java.math.BigInteger;

/**
 * The two integers of an ECDSA signature decoded from strict ASN.1 DER ({@code SEQUENCE { INTEGER r, INTEGER s }}),
 * as non-negative big integers of at most 33 content bytes each.
 *
 * @param r first integer.
 * @param s second integer.
 */
record DerSignature(BigInteger r, BigInteger s)
{
    private static final int SEQUENCE_TAG = 0x30;
    private static final int INTEGER_TAG = 0x02;
    private static final int MAX_INTEGER_CONTENT_LENGTH = 33;

    /**
     * Decode a DER signature, refusing every encoding that is not the unique DER one: long-form or indefinite lengths
     * (never needed for a 256-bit curve), negative integers, superfluous leading zero bytes, empty integers and
     * trailing bytes.
     *
     * @param der encoded signature, may be null.
     * @return the integers, or null if the encoding is not strict DER.
     */
    static DerSignature decode(final byte[] der)
    {
        if (der == null || der.length < 2 || (der[0] & 0xFF) != SEQUENCE_TAG)
        {
            return null;
        }
        final int sequenceLength = der[1] & 0xFF;
        if (sequenceLength > 0x7F || sequenceLength != der.length - 2)
        {
            return null;
        }

        final int rEnd = integerEnd(der, 2);
        if (rEnd < 0)
        {
            return null;
        }
        final int sEnd = integerEnd(der, rEnd);
        if (sEnd != der.length)
        {
            return null;
        }
        return new DerSignature(integerValue(der, 2, rEnd), integerValue(der, rEnd, sEnd));
    }

    private static int integerEnd(final byte[] der, final int start)
    {
        if (start + 2 > der.length || (der[start] & 0xFF) != INTEGER_TAG)
        {
            return -1;
        }
        final int length = der[start + 1] & 0xFF;
        if (length == 0 || length > MAX_INTEGER_CONTENT_LENGTH || start + 2 + length > der.length)
        {
            return -1;
        }
        final int first = der[start + 2] & 0xFF;
        if (first >= 0x80)
        {
            return -1;
        }
        if (first == 0 && length > 1 && (der[start + 3] & 0x80) == 0)
        {
            return -1;
        }
        return start + 2 + length;
    }

    private static BigInteger integerValue(final byte[] der, final int start, final int end)
    {
        final byte[] magnitude = new byte[end - start - 2];
        System.arraycopy(der, start + 2, magnitude, 0, magnitude.length);
        return new BigInteger(1, magnitude);
    }
}
