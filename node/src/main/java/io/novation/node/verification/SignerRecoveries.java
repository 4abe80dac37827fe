package io.novation.node.verification;

import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.crypto.SignerRecovery;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Chooses the node's signer recovery path: libsecp256k1 ({@link NativeSecp256k1Recovery}) by default, the pure-Java
 * {@link SignerRecovery#PURE_JAVA} when the native library fails to load or to agree with the pure-Java path on a
 * known signature (logged once), or when forced with the system property {@value #PROPERTY}{@code =java} (or the
 * environment variable {@value #ENVIRONMENT}{@code =java}). Both paths answer the same addresses, so the choice only
 * changes speed.
 */
public final class SignerRecoveries
{
    /** The system property that forces a path: {@code java} or {@code native}. */
    public static final String PROPERTY = "novation.secp256k1";
    /** The environment variable read when the property is not set. */
    public static final String ENVIRONMENT = "NOVATION_SECP256K1";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SignerRecoveries.class);
    private static volatile Choice preferred;

    /**
     * A chosen path and why.
     *
     * @param recovery the path.
     * @param name     {@code "native"} or {@code "java"}.
     * @param reason   why it was chosen, a sentence.
     */
    public record Choice(SignerRecovery recovery, String name, String reason)
    {
    }

    private SignerRecoveries()
    {
    }

    /**
     * The path the node uses, chosen once per process from the property, the environment and whether the native
     * library loads.
     *
     * @return the recovery path.
     */
    public static SignerRecovery preferred()
    {
        return preferredChoice().recovery();
    }

    /**
     * {@link #preferred()} with its name and reason.
     *
     * @return the choice.
     */
    public static Choice preferredChoice()
    {
        Choice choice = preferred;
        if (choice == null)
        {
            synchronized (SignerRecoveries.class)
            {
                choice = preferred;
                if (choice == null)
                {
                    String forced = System.getProperty(PROPERTY);
                    if (forced == null)
                    {
                        forced = System.getenv(ENVIRONMENT);
                    }
                    choice = choose(forced, NativeSecp256k1Recovery::load);
                    if ("native".equals(choice.name()))
                    {
                        LOG.info("secp256k1 signer recovery: {}", choice.reason());
                    }
                    else
                    {
                        LOG.warn("secp256k1 signer recovery: {}", choice.reason());
                    }
                    preferred = choice;
                }
            }
        }
        return choice;
    }

    /**
     * Chooses a path: the pure-Java one when forced ({@code "java"}), else the native one if it loads and recovers a
     * known signature to the address the pure-Java path recovers, else the pure-Java one.
     *
     * @param forced      {@code "java"} to force the pure-Java path; null or anything else to prefer native.
     * @param nativePath  loads the native path; may throw (a {@link LinkageError} when the library cannot load).
     * @return the choice.
     */
    public static Choice choose(final String forced, final Supplier<? extends SignerRecovery> nativePath)
    {
        if (forced != null && "java".equals(forced.trim().toLowerCase(Locale.ROOT)))
        {
            return new Choice(SignerRecovery.PURE_JAVA, "java", "pure Java, forced by " + PROPERTY + "=java");
        }
        final SignerRecovery loaded;
        try
        {
            loaded = nativePath.get();
        }
        catch (final LinkageError | RuntimeException ex)
        {
            return new Choice(SignerRecovery.PURE_JAVA, "java",
                "pure Java, the native library failed to load (" + ex + ")");
        }
        final byte[] digest = new byte[Secp256k1.DIGEST_LENGTH];
        Arrays.fill(digest, (byte)0x5A);
        final byte[] key = new byte[Secp256k1.PRIVATE_KEY_LENGTH];
        key[Secp256k1.PRIVATE_KEY_LENGTH - 1] = 7;
        final EcdsaSignature known = Secp256k1.sign(digest, key);
        final byte[] expected = Secp256k1.addressOf(key);
        final byte[] answered;
        try
        {
            answered = loaded.recoverAddress(digest, known);
        }
        catch (final LinkageError | RuntimeException ex)
        {
            return new Choice(SignerRecovery.PURE_JAVA, "java", "pure Java, the native library failed (" + ex + ")");
        }
        if (!Arrays.equals(expected, answered))
        {
            return new Choice(SignerRecovery.PURE_JAVA, "java",
                "pure Java, the native library recovered a known signature to another address");
        }
        return new Choice(loaded, "native", "libsecp256k1 (native), pure Java as fallback");
    }
}
