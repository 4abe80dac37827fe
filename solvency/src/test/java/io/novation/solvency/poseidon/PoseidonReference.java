package io.novation.solvency.poseidon;

import java.math.BigInteger;

/**
 * circomlibjs's {@code poseidon_reference.js} transcribed with {@link BigInteger} and nothing else, as the test
 * oracle of the Montgomery implementation: add round constants, x^5 on all (full rounds) or the first (partial)
 * element, multiply by the MDS matrix, hash = first element.
 */
final class PoseidonReference
{
    private PoseidonReference()
    {
    }

    static BigInteger hash(final BigInteger initialState, final BigInteger... inputs)
    {
        final PoseidonConstants c = PoseidonConstants.of(inputs.length + 1);
        final BigInteger p = Fr.MODULUS;
        final int t = c.width();
        BigInteger[] state = new BigInteger[t];
        state[0] = initialState;
        System.arraycopy(inputs, 0, state, 1, inputs.length);
        final int rounds = c.fullRounds() + c.partialRounds();
        for (int r = 0; r < rounds; r++)
        {
            for (int i = 0; i < t; i++)
            {
                state[i] = state[i].add(c.roundConstants()[r * t + i]).mod(p);
            }
            final boolean full = r < c.fullRounds() / 2 || r >= c.fullRounds() / 2 + c.partialRounds();
            for (int i = 0; i < (full ? t : 1); i++)
            {
                state[i] = state[i].modPow(BigInteger.valueOf(5), p);
            }
            final BigInteger[] mixed = new BigInteger[t];
            for (int i = 0; i < t; i++)
            {
                BigInteger sum = BigInteger.ZERO;
                for (int j = 0; j < t; j++)
                {
                    sum = sum.add(c.mds()[i][j].multiply(state[j]));
                }
                mixed[i] = sum.mod(p);
            }
            state = mixed;
        }
        return state[0];
    }
}
