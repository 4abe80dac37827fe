package io.novation.solvency.tree;

import io.novation.core.crypto.Hex;
import io.novation.solvency.poseidon.Poseidon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The operator's secret from which every account's per-batch salt is derived, s = Poseidon([seed, batchNumber, k]):
 * 31 random bytes (a field element), kept in the data directory's {@code solvency-seed} file (hex), created once.
 * Knowing one's salt reveals neither the seed nor anyone else's salt. Immutable: salts are computed from any thread
 * at once (each thread hashes with its own Poseidon state).
 */
public final class SolvencySeed
{
    /** The file in the data directory. */
    public static final String FILE = "solvency-seed";
    /** Bytes of the seed. */
    public static final int LENGTH = 31;

    /** Each thread's hasher of three inputs: a Poseidon holds its state while it hashes. */
    private static final ThreadLocal<Poseidon> SALTS = ThreadLocal.withInitial(() -> new Poseidon(3));

    private final BigInteger value;

    private SolvencySeed(final BigInteger value)
    {
        this.value = value;
    }

    /**
     * A seed of a known value (tests, tools).
     *
     * @param value below 2^248.
     * @return the seed.
     */
    public static SolvencySeed of(final BigInteger value)
    {
        if (value.signum() < 0 || value.bitLength() > 8 * LENGTH)
        {
            throw new SolvencyException(SolvencyException.Reason.MALFORMED, "a seed is " + LENGTH + " bytes");
        }
        return new SolvencySeed(value);
    }

    /**
     * The seed of a data directory, created (owner-readable only where the file system allows) on first use.
     *
     * @param dataDir the node's data directory.
     * @return the seed.
     */
    public static SolvencySeed loadOrCreate(final Path dataDir)
    {
        final Path file = dataDir.resolve(FILE);
        try
        {
            if (!Files.exists(file))
            {
                final byte[] bytes = new byte[LENGTH];
                new SecureRandom().nextBytes(bytes);
                Files.createDirectories(dataDir);
                try
                {
                    Files.writeString(Files.createFile(file), Hex.encode(bytes) + "\n");
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
                catch (final FileAlreadyExistsException ex)
                {
                    // another process created it first: read theirs
                }
                catch (final UnsupportedOperationException ex)
                {
                    // not a POSIX file system: the directory's own permissions protect the file
                }
            }
            final byte[] bytes = Hex.decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            if (bytes.length != LENGTH)
            {
                throw new SolvencyException(SolvencyException.Reason.MALFORMED, file + " does not hold " + LENGTH +
                    " bytes");
            }
            return new SolvencySeed(new BigInteger(1, bytes));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read or create " + file, ex);
        }
    }

    /**
     * The salt of an account in a batch: Poseidon([seed, batchNumber, k]).
     *
     * @param batchNumber the batch.
     * @param accountKey  the account's key k.
     * @return the salt, a field element.
     */
    public BigInteger salt(final long batchNumber, final BigInteger accountKey)
    {
        return SALTS.get().hash(value, BigInteger.valueOf(batchNumber), accountKey);
    }
}
