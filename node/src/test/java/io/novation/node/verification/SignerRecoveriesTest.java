package io.novation.node.verification;

import io.novation.core.crypto.SignerRecovery;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node prefers libsecp256k1 and falls back to pure Java when the native library cannot load or answers wrongly,
 * or when the pure-Java path is forced.
 */
class SignerRecoveriesTest
{
    @Test
    void shouldChooseTheNativePathWhenItLoads()
    {
        final SignerRecoveries.Choice choice = SignerRecoveries.choose(null, NativeSecp256k1Recovery::load);

        assertThat(choice.name()).isEqualTo("native");
        assertThat(choice.recovery()).isInstanceOf(NativeSecp256k1Recovery.class);
    }

    @Test
    void shouldMakeTheNativePathTheNodesDefaultOnLinux()
    {
        final boolean linux = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux");
        final boolean forcedJava = "java".equals(System.getProperty(SignerRecoveries.PROPERTY)) ||
            "java".equals(System.getenv(SignerRecoveries.ENVIRONMENT));
        if (linux && !forcedJava)
        {
            assertThat(SignerRecoveries.preferredChoice().name()).isEqualTo("native");
        }
        assertThat(SignerRecoveries.preferred()).isSameAs(SignerRecoveries.preferredChoice().recovery());
    }

    @Test
    void shouldFallBackToPureJavaWhenTheNativeLibraryFailsToLoad()
    {
        final SignerRecoveries.Choice choice = SignerRecoveries.choose(null, () ->
        {
            throw new UnsatisfiedLinkError("no secp256k1-jni in java.library.path");
        });

        assertThat(choice.recovery()).isSameAs(SignerRecovery.PURE_JAVA);
        assertThat(choice.name()).isEqualTo("java");
        assertThat(choice.reason()).contains("failed to load").contains("UnsatisfiedLinkError");
    }

    @Test
    void shouldFallBackToPureJavaWhenTheNativePathRecoversAKnownSignatureWrongly()
    {
        final SignerRecoveries.Choice choice = SignerRecoveries.choose(null, () -> (digest, signature) ->
            new byte[20]);

        assertThat(choice.recovery()).isSameAs(SignerRecovery.PURE_JAVA);
        assertThat(choice.reason()).contains("another address");
    }

    @Test
    void shouldUsePureJavaWithoutLoadingTheNativeLibraryWhenForced()
    {
        final AtomicInteger loads = new AtomicInteger();
        final SignerRecoveries.Choice choice = SignerRecoveries.choose(" Java ", () ->
        {
            loads.incrementAndGet();
            return NativeSecp256k1Recovery.load();
        });

        assertThat(choice.recovery()).isSameAs(SignerRecovery.PURE_JAVA);
        assertThat(choice.reason()).contains("forced");
        assertThat(loads).hasValue(0);
    }
}
