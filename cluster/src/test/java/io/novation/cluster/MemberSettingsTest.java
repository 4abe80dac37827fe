package io.novation.cluster;

import io.novation.node.server.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemberSettingsTest
{
    @TempDir
    Path dataDir;

    @Test
    void shouldPinTheSequencingSettingsAtFirstStartAndAcceptThemAgain()
    {
        final NodeConfig config = NodeConfig.defaults().withDataDir(dataDir);

        MemberSettings.pin(config);

        assertThat(dataDir.resolve(MemberSettings.FILE)).exists();
        assertThatNoException().isThrownBy(() -> MemberSettings.pin(config));
    }

    @Test
    void shouldRefuseToStartAMemberWithOtherSealingSettings()
    {
        MemberSettings.pin(NodeConfig.defaults().withDataDir(dataDir));

        assertThatThrownBy(() -> MemberSettings.pin(NodeConfig.defaults().withDataDir(dataDir).withSealing(7, 300)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("every member must keep the settings the cluster started with");
    }
}
