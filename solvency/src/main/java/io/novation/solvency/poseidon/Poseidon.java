package io.novation.solvency.poseidon;

import java.math.BigInteger;

/**
 * circomlib's Poseidon hash over the BN254 scalar field for a fixed number of inputs (1 to 16): the state
 * {@code [initialState, inputs...]} goes through 8 full and RP partial rounds of add-round-constants, x^5 S-box (on
 * every element in full rounds, on the first in partial rounds) and the MDS mix, and the hash is the first element
 * (docs/solvency.md). Works in Montgomery form ({@link Fr}) on the schedule of {@link PoseidonSchedule}, whose
 * partial rounds cost 2t - 1 multiplications; an instance keeps scratch space, so it is not thread-safe: use one per
 * thread.
 */
public final class Poseidon
{
    private final int width;
    private final int fullRounds;
    private final int partialRounds;
    private final long[] constants;
    private final long[] mds;
    private final long[] lastFullMds;
    private final long[] sparseRows;
    private final long[] sparseColumns;
    private final long[] state;
    private final long[] mixed;
    private final long[] scratch = new long[Fr.LIMBS];
    private final long[] product = new long[Fr.LIMBS];

    private static final Poseidon[] TEMPLATES = new Poseidon[PoseidonConstants.MAX_WIDTH];

    /**
     * A hasher of a number of inputs; the tables of each width are computed once and shared.
     *
     * @param inputs 1 to 16.
     */
    public Poseidon(final int inputs)
    {
        this(template(inputs));
    }

    private Poseidon(final Poseidon template)
    {
        this.width = template.width;
        this.fullRounds = template.fullRounds;
        this.partialRounds = template.partialRounds;
        this.constants = template.constants;
        this.mds = template.mds;
        this.lastFullMds = template.lastFullMds;
        this.sparseRows = template.sparseRows;
        this.sparseColumns = template.sparseColumns;
        this.state = new long[width * Fr.LIMBS];
        this.mixed = new long[width * Fr.LIMBS];
    }

    private static synchronized Poseidon template(final int inputs)
    {
        if (inputs < 1 || inputs >= PoseidonConstants.MAX_WIDTH)
        {
            throw new IllegalArgumentException("Poseidon of " + inputs + " inputs: 1 to 16 are defined");
        }
        if (TEMPLATES[inputs] == null)
        {
            TEMPLATES[inputs] = new Poseidon(PoseidonConstants.of(inputs + 1));
        }
        return TEMPLATES[inputs];
    }

    private Poseidon(final PoseidonConstants parameters)
    {
        final int inputs = parameters.width() - 1;
        final PoseidonSchedule schedule = new PoseidonSchedule(parameters);
        this.width = inputs + 1;
        this.fullRounds = parameters.fullRounds();
        this.partialRounds = parameters.partialRounds();
        this.constants = new long[schedule.constants.length * width * Fr.LIMBS];
        for (int r = 0; r < schedule.constants.length; r++)
        {
            for (int i = 0; i < width; i++)
            {
                Fr.toMontgomery(schedule.constants[r][i], constants, (r * width + i) * Fr.LIMBS);
            }
        }
        this.mds = matrix(parameters.mds());
        this.lastFullMds = matrix(schedule.lastFullMatrix);
        this.sparseRows = new long[partialRounds * width * Fr.LIMBS];
        this.sparseColumns = new long[partialRounds * (width - 1) * Fr.LIMBS];
        for (int k = 0; k < partialRounds; k++)
        {
            for (int i = 0; i < width; i++)
            {
                Fr.toMontgomery(schedule.sparseRows[k][i], sparseRows, (k * width + i) * Fr.LIMBS);
            }
            for (int i = 0; i < width - 1; i++)
            {
                Fr.toMontgomery(schedule.sparseColumns[k][i], sparseColumns, (k * (width - 1) + i) * Fr.LIMBS);
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
        int round = 0;
        for (; round < half; round++)
        {
            fullRound(round, round == half - 1 ? lastFullMds : mds);
        }
        for (int k = 0; k < partialRounds; k++, round++)
        {
            Fr.add(state, 0, constants, round * width * Fr.LIMBS, state, 0);
            Fr.pow5(state, 0, scratch);
            sparseMix(k);
        }
        for (; round < fullRounds + partialRounds; round++)
        {
            fullRound(round, mds);
        }
        System.arraycopy(state, 0, out, outOffset, Fr.LIMBS);
    }

    /** Adds the round's constants, raises every element to the fifth power and multiplies by a dense matrix. */
    private void fullRound(final int round, final long[] matrix)
    {
        final int roundAt = round * width * Fr.LIMBS;
        for (int i = 0; i < width; i++)
        {
            Fr.add(state, i * Fr.LIMBS, constants, roundAt + i * Fr.LIMBS, state, i * Fr.LIMBS);
            Fr.pow5(state, i * Fr.LIMBS, scratch);
        }
        for (int row = 0; row < width; row++)
        {
            final int at = row * Fr.LIMBS;
            Fr.mul(matrix, (row * width) * Fr.LIMBS, state, 0, mixed, at);
            for (int col = 1; col < width; col++)
            {
                Fr.mul(matrix, (row * width + col) * Fr.LIMBS, state, col * Fr.LIMBS, product, 0);
                Fr.add(mixed, at, product, 0, mixed, at);
            }
        }
        System.arraycopy(mixed, 0, state, 0, width * Fr.LIMBS);
    }

    /** state = B_k · state with B_k's first row, first column and the identity (2t - 1 multiplications). */
    private void sparseMix(final int k)
    {
        final int rowAt = k * width * Fr.LIMBS;
        Fr.mul(sparseRows, rowAt, state, 0, mixed, 0);
        for (int col = 1; col < width; col++)
        {
            Fr.mul(sparseRows, rowAt + col * Fr.LIMBS, state, col * Fr.LIMBS, product, 0);
            Fr.add(mixed, 0, product, 0, mixed, 0);
        }
        final int columnAt = k * (width - 1) * Fr.LIMBS;
        for (int i = 1; i < width; i++)
        {
            Fr.mul(sparseColumns, columnAt + (i - 1) * Fr.LIMBS, state, 0, product, 0);
            Fr.add(state, i * Fr.LIMBS, product, 0, state, i * Fr.LIMBS);
        }
        System.arraycopy(mixed, 0, state, 0, Fr.LIMBS);
    }

    private long[] matrix(final BigInteger[][] values)
    {
        final long[] limbs = new long[width * width * Fr.LIMBS];
        for (int row = 0; row < width; row++)
        {
            for (int col = 0; col < width; col++)
            {
                Fr.toMontgomery(values[row][col], limbs, (row * width + col) * Fr.LIMBS);
            }
        }
        return limbs;
    }
}
