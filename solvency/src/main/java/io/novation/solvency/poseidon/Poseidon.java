package io.novation.solvency.poseidon;

import java.math.BigInteger;

/**
 * circomlib's Poseidon hash over the BN254 scalar field for a fixed number of inputs (1 to 16): the state
 * {@code [initialState, inputs...]} goes through 8 full and RP partial rounds of add-round-constants, x^5 S-box (on
 * every element in full rounds, on the first in partial rounds) and the MDS mix, and the hash is the first element
 * (docs/solvency.md). Works in Montgomery form ({@link Fr}); an instance keeps scratch space, so it is not
 * thread-safe: use one per thread.
 */
public final class Poseidon
{
    private final int width;
    private final int fullRounds;
    private final int partialRounds;
    private final long[] constants;
    private final long[] mds;
    private final long[] state;
    private final long[] mixed;
    private final long[] scratch = new long[Fr.LIMBS];
    private final long[] product = new long[Fr.LIMBS];

    /**
     * A hasher of a number of inputs.
     *
     * @param inputs 1 to 16.
     */
    public Poseidon(final int inputs)
    {
        final PoseidonConstants parameters = PoseidonConstants.of(inputs + 1);
        this.width = inputs + 1;
        this.fullRounds = parameters.fullRounds();
        this.partialRounds = parameters.partialRounds();
        this.constants = new long[parameters.roundConstants().length * Fr.LIMBS];
        for (int i = 0; i < parameters.roundConstants().length; i++)
        {
            Fr.toMontgomery(parameters.roundConstants()[i], constants, i * Fr.LIMBS);
        }
        this.mds = new long[width * width * Fr.LIMBS];
        for (int row = 0; row < width; row++)
        {
            for (int col = 0; col < width; col++)
            {
                Fr.toMontgomery(parameters.mds()[row][col], mds, (row * width + col) * Fr.LIMBS);
            }
        }
        this.state = new long[width * Fr.LIMBS];
        this.mixed = new long[width * Fr.LIMBS];
    }

    /**
     * Number of inputs.
     *
     * @return 1 to 16.
     */
    public int inputs()
    {
        return width - 1;
    }

    /**
     * The hash of canonical integers, initial state 0.
     *
     * @param inputs {@link #inputs()} field elements in [0, p).
     * @return the hash, in [0, p).
     * @throws IllegalArgumentException on a wrong count or a value outside the field.
     */
    public BigInteger hash(final BigInteger... inputs)
    {
        return hashFrom(BigInteger.ZERO, inputs);
    }

    /**
     * The hash of canonical integers from an initial state (circomlibjs's {@code initState}).
     *
     * @param initialState the state's first element, in [0, p).
     * @param inputs       {@link #inputs()} field elements in [0, p).
     * @return the hash, in [0, p).
     * @throws IllegalArgumentException on a wrong count or a value outside the field.
     */
    public BigInteger hashFrom(final BigInteger initialState, final BigInteger... inputs)
    {
        if (inputs.length != width - 1)
        {
            throw new IllegalArgumentException("Poseidon of " + (width - 1) + " inputs given " + inputs.length);
        }
        final long[] in = new long[inputs.length * Fr.LIMBS];
        for (int i = 0; i < inputs.length; i++)
        {
            Fr.toMontgomery(inputs[i], in, i * Fr.LIMBS);
        }
        final long[] init = new long[Fr.LIMBS];
        Fr.toMontgomery(initialState, init, 0);
        final long[] out = new long[Fr.LIMBS];
        hash(init, in, 0, out, 0);
        return Fr.toBigInteger(out, 0);
    }

    /**
     * The hash of elements in Montgomery form, initial state 0, without allocation.
     *
     * @param in        the inputs' limbs, {@link #inputs()} elements one after the other.
     * @param inOffset  the first input's first limb.
     * @param out       where to write the hash in Montgomery form.
     * @param outOffset the first limb written.
     */
    public void hash(final long[] in, final int inOffset, final long[] out, final int outOffset)
    {
        hash(null, in, inOffset, out, outOffset);
    }

    private void hash(final long[] init, final long[] in, final int inOffset, final long[] out, final int outOffset)
    {
        for (int i = 0; i < Fr.LIMBS; i++)
        {
            state[i] = init == null ? 0 : init[i];
        }
        System.arraycopy(in, inOffset, state, Fr.LIMBS, (width - 1) * Fr.LIMBS);
        final int half = fullRounds / 2;
        final int rounds = fullRounds + partialRounds;
        for (int round = 0; round < rounds; round++)
        {
            final int roundAt = round * width * Fr.LIMBS;
            for (int i = 0; i < width; i++)
            {
                Fr.add(state, i * Fr.LIMBS, constants, roundAt + i * Fr.LIMBS, state, i * Fr.LIMBS);
            }
            if (round < half || round >= half + partialRounds)
            {
                for (int i = 0; i < width; i++)
                {
                    Fr.pow5(state, i * Fr.LIMBS, scratch);
                }
            }
            else
            {
                Fr.pow5(state, 0, scratch);
            }
            mix();
        }
        System.arraycopy(state, 0, out, outOffset, Fr.LIMBS);
    }

    /** state = M · state. */
    private void mix()
    {
        for (int row = 0; row < width; row++)
        {
            final int at = row * Fr.LIMBS;
            Fr.mul(mds, (row * width) * Fr.LIMBS, state, 0, mixed, at);
            for (int col = 1; col < width; col++)
            {
                Fr.mul(mds, (row * width + col) * Fr.LIMBS, state, col * Fr.LIMBS, product, 0);
                Fr.add(mixed, at, product, 0, mixed, at);
            }
        }
        System.arraycopy(mixed, 0, state, 0, width * Fr.LIMBS);
    }
}
