package io.novation.solvency.poseidon;

import java.math.BigInteger;

/**
 * The same permutation as {@link PoseidonConstants} describes, rewritten so that a partial round costs 2t - 1
 * multiplications instead of t^2 (the Poseidon paper's appendix B, as circomlib's optimized circuit does): the round
 * constants a partial round adds to elements 1..t-1 are carried through the linear layer into the next round's, and
 * each partial round's matrix is factored as {@code B · A} with {@code A = diag(1, Â)}, which commutes with the first
 * element's S-box and constant and is folded into the previous round's matrix, leaving the sparse {@code B} (first
 * row, first column and the identity). Computed once per width with exact field arithmetic; checked by the vectors.
 */
final class PoseidonSchedule
{
    private static final BigInteger P = Fr.MODULUS;

    /** Per round, the t constants it adds (a partial round only uses the first). */
    final BigInteger[][] constants;
    /** The matrix of the last full round before the partial rounds: Â of the first partial round times M. */
    final BigInteger[][] lastFullMatrix;
    /** Per partial round, the first row of its sparse matrix (t elements). */
    final BigInteger[][] sparseRows;
    /** Per partial round, the first column of its sparse matrix below the diagonal (t - 1 elements). */
    final BigInteger[][] sparseColumns;

    PoseidonSchedule(final PoseidonConstants parameters)
    {
        final int t = parameters.width();
        final int half = parameters.fullRounds() / 2;
        final int partial = parameters.partialRounds();
        final int rounds = parameters.fullRounds() + partial;
        final BigInteger[][] m = parameters.mds();
        constants = new BigInteger[rounds][t];
        for (int r = 0; r < rounds; r++)
        {
            System.arraycopy(parameters.roundConstants(), r * t, constants[r], 0, t);
        }
        // Constants: a partial round's constants on elements 1..t-1 pass the S-box unchanged; add them after it,
        // through M, to the next round's.
        for (int r = half; r < half + partial; r++)
        {
            final BigInteger[] rest = constants[r].clone();
            rest[0] = BigInteger.ZERO;
            final BigInteger[] carried = multiply(m, rest);
            for (int i = 0; i < t; i++)
            {
                constants[r + 1][i] = constants[r + 1][i].add(carried[i]).mod(P);
                if (i > 0)
                {
                    constants[r][i] = BigInteger.ZERO;
                }
            }
        }
        // Matrices, from the last partial round back: N = B · diag(1, Â), Â = N_rr, B = [[n00, n0r Â^-1], [nr0, I]].
        sparseRows = new BigInteger[partial][];
        sparseColumns = new BigInteger[partial][];
        BigInteger[][] n = m;
        for (int k = partial - 1; k >= 0; k--)
        {
            final BigInteger[][] block = new BigInteger[t - 1][t - 1];
            for (int i = 1; i < t; i++)
            {
                System.arraycopy(n[i], 1, block[i - 1], 0, t - 1);
            }
            final BigInteger[][] inverse = invert(block);
            final BigInteger[] row = new BigInteger[t];
            row[0] = n[0][0];
            for (int j = 1; j < t; j++)
            {
                BigInteger sum = BigInteger.ZERO;
                for (int l = 1; l < t; l++)
                {
                    sum = sum.add(n[0][l].multiply(inverse[l - 1][j - 1]));
                }
                row[j] = sum.mod(P);
            }
            final BigInteger[] column = new BigInteger[t - 1];
            for (int i = 1; i < t; i++)
            {
                column[i - 1] = n[i][0];
            }
            sparseRows[k] = row;
            sparseColumns[k] = column;
            // diag(1, Â) moves into the previous round's matrix: N_prev = diag(1, Â) · M.
            final BigInteger[][] a = new BigInteger[t][t];
            for (int i = 0; i < t; i++)
            {
                for (int j = 0; j < t; j++)
                {
                    a[i][j] = i == 0 || j == 0 ? (i == j ? BigInteger.ONE : BigInteger.ZERO) : block[i - 1][j - 1];
                }
            }
            n = multiply(a, m);
        }
        lastFullMatrix = n;
    }

    private static BigInteger[] multiply(final BigInteger[][] matrix, final BigInteger[] vector)
    {
        final BigInteger[] out = new BigInteger[vector.length];
        for (int i = 0; i < vector.length; i++)
        {
            BigInteger sum = BigInteger.ZERO;
            for (int j = 0; j < vector.length; j++)
            {
                sum = sum.add(matrix[i][j].multiply(vector[j]));
            }
            out[i] = sum.mod(P);
        }
        return out;
    }

    private static BigInteger[][] multiply(final BigInteger[][] left, final BigInteger[][] right)
    {
        final int size = left.length;
        final BigInteger[][] out = new BigInteger[size][size];
        for (int i = 0; i < size; i++)
        {
            for (int j = 0; j < size; j++)
            {
                BigInteger sum = BigInteger.ZERO;
                for (int l = 0; l < size; l++)
                {
                    sum = sum.add(left[i][l].multiply(right[l][j]));
                }
                out[i][j] = sum.mod(P);
            }
        }
        return out;
    }

    /** Gauss-Jordan inverse modulo p. */
    private static BigInteger[][] invert(final BigInteger[][] matrix)
    {
        final int size = matrix.length;
        final BigInteger[][] work = new BigInteger[size][2 * size];
        for (int i = 0; i < size; i++)
        {
            for (int j = 0; j < size; j++)
            {
                work[i][j] = matrix[i][j];
                work[i][size + j] = i == j ? BigInteger.ONE : BigInteger.ZERO;
            }
        }
        for (int col = 0; col < size; col++)
        {
            int pivot = col;
            while (pivot < size && work[pivot][col].signum() == 0)
            {
                pivot++;
            }
            if (pivot == size)
            {
                throw new IllegalStateException("singular matrix in the Poseidon schedule");
            }
            final BigInteger[] swap = work[col];
            work[col] = work[pivot];
            work[pivot] = swap;
            final BigInteger scale = work[col][col].modInverse(P);
            for (int j = 0; j < 2 * size; j++)
            {
                work[col][j] = work[col][j].multiply(scale).mod(P);
            }
            for (int i = 0; i < size; i++)
            {
                if (i != col && work[i][col].signum() != 0)
                {
                    final BigInteger factor = work[i][col];
                    for (int j = 0; j < 2 * size; j++)
                    {
                        work[i][j] = work[i][j].subtract(factor.multiply(work[col][j])).mod(P);
                    }
                }
            }
        }
        final BigInteger[][] inverse = new BigInteger[size][size];
        for (int i = 0; i < size; i++)
        {
            System.arraycopy(work[i], size, inverse[i], 0, size);
        }
        return inverse;
    }
}
