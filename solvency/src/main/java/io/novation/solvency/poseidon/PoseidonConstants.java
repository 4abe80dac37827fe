package io.novation.solvency.poseidon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;

/**
 * circomlib's Poseidon parameters for one state width t (inputs + 1): 8 full rounds, the partial rounds of that
 * width, the round constants and the MDS matrix, all field elements of BN254 read from the resource copied from
 * circomlibjs (see PROVENANCE.md beside it).
 *
 * @param width         the state width t, 2 to 17.
 * @param fullRounds    full rounds (8).
 * @param partialRounds partial rounds of this width.
 * @param roundConstants {@code (fullRounds + partialRounds) * width} constants, round by round.
 * @param mds           the width x width MDS matrix, row by row.
 */
public record PoseidonConstants(int width, int fullRounds, int partialRounds, BigInteger[] roundConstants,
    BigInteger[][] mds)
{
    /** Full rounds of every width. */
    public static final int FULL_ROUNDS = 8;
    /** Partial rounds per width t, at index t - 2 (circomlib's N_ROUNDS_P). */
    private static final int[] PARTIAL_ROUNDS = {56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68};
    /** The smallest width. */
    public static final int MIN_WIDTH = 2;
    /** The largest width (16 inputs). */
    public static final int MAX_WIDTH = 17;
    private static final String RESOURCE = "circomlibjs_poseidon_constants.json";
    private static final PoseidonConstants[] LOADED = new PoseidonConstants[MAX_WIDTH + 1];

    /**
     * The parameters of a width, read once.
     *
     * @param width the state width t (inputs + 1), 2 to 17.
     * @return the parameters.
     * @throws IllegalArgumentException for another width.
     */
    public static synchronized PoseidonConstants of(final int width)
    {
        if (width < MIN_WIDTH || width > MAX_WIDTH)
        {
            throw new IllegalArgumentException("Poseidon width " + width + " is not in [2, 17]");
        }
        if (LOADED[width] == null)
        {
            load();
        }
        return LOADED[width];
    }

    private static void load()
    {
        try (InputStream in = PoseidonConstants.class.getResourceAsStream(RESOURCE))
        {
            if (in == null)
            {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            final JsonNode json = new ObjectMapper().readTree(in);
            for (int width = MIN_WIDTH; width <= MAX_WIDTH; width++)
            {
                final int partial = PARTIAL_ROUNDS[width - MIN_WIDTH];
                final JsonNode c = json.get("C").get(width - MIN_WIDTH);
                final JsonNode m = json.get("M").get(width - MIN_WIDTH);
                if (c.size() != (FULL_ROUNDS + partial) * width || m.size() != width)
                {
                    throw new IllegalStateException("constants of width " + width + " have the wrong shape");
                }
                final BigInteger[] constants = new BigInteger[c.size()];
                for (int i = 0; i < constants.length; i++)
                {
                    constants[i] = element(c.get(i));
                }
                final BigInteger[][] mds = new BigInteger[width][width];
                for (int row = 0; row < width; row++)
                {
                    for (int col = 0; col < width; col++)
                    {
                        mds[row][col] = element(m.get(row).get(col));
                    }
                }
                LOADED[width] = new PoseidonConstants(width, FULL_ROUNDS, partial, constants, mds);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + RESOURCE, ex);
        }
    }

    private static BigInteger element(final JsonNode node)
    {
        final String text = node.asText();
        final BigInteger value = text.startsWith("0x") ? new BigInteger(text.substring(2), 16) : new BigInteger(text);
        if (value.signum() < 0 || value.compareTo(Fr.MODULUS) >= 0)
        {
            throw new IllegalStateException("constant " + text + " is not a field element");
        }
        return value;
    }
}
