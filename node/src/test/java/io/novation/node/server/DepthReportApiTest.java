package io.novation.node.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.ReportMarketDepth;
import io.novation.node.json.CommandEncoder;
import io.novation.node.sequencer.Authority;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import static io.novation.node.server.Venue.USDC;
import static org.assertj.core.api.Assertions.assertThat;

/** Depth reports reach a running node over HTTP in a governance envelope, and only so. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DepthReportApiTest
{
    private Node node;
    private Http http;
    private final Venue venue = new Venue(1_760_000_000_000L);

    @BeforeAll
    void start(@TempDir final Path dataDir) throws IOException
    {
        node = Node.start(NodeConfig.defaults().withDataDir(dataDir).withPort(0)
            .withGenesisKeys(Venue.GOVERNANCE, Venue.BRIDGE), new PrintStream(OutputStream.nullOutputStream()));
        http = new Http(node.port());
        for (final ObjectNode command : venue.genesis())
        {
            assertThat(post(command).status()).isEqualTo(200);
        }
    }

    @AfterAll
    void stop()
    {
        node.close();
    }

    private Http.Response post(final ObjectNode command)
    {
        return http.post("/v1/commands", command.toString());
    }

    private String root()
    {
        return http.get("/v1/state").json().get("stateRoot").asText();
    }

    private static ReportMarketDepth depth(final long time, final long usdcWithinOnePercent)
    {
        return new ReportMarketDepth(time, 0, List.of(
            new ReportMarketDepth.Level(10_000, usdcWithinOnePercent * USDC, usdcWithinOnePercent * USDC),
            new ReportMarketDepth.Level(20_000, 2 * usdcWithinOnePercent * USDC, 2 * usdcWithinOnePercent * USDC)));
    }

    private void assertRefused(final Http.Response response, final int status, final String code, final String root)
    {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.code()).as(response.text()).isEqualTo(code);
        assertThat(root()).isEqualTo(root);
    }

    @Test
    void shouldSequenceAGovernanceSignedDepthReportAndRefuseUnsignedForgedOrNotNewerOnes()
    {
        final String before = root();
        final ReportMarketDepth unsigned = depth(venue.nextTime(), 10_000);
        assertRefused(post(venue.encoder.encode(unsigned, true)), 403, "NOT_AUTHORIZED", before);
        final ReportMarketDepth forged = depth(venue.nextTime(), 10_000);
        assertRefused(post(CommandEncoder.withAuthority(venue.encoder.encode(forged, true), 500,
            Authority.sign(venue.domain, 500, forged, Venue.key("mallory")))), 403, "NOT_AUTHORIZED", before);

        final long reportedAt = venue.nextTime();
        final Http.Response accepted = post(venue.governance(depth(reportedAt, 10_000)));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
        final String afterReport = root();
        assertThat(afterReport).isNotEqualTo(before);

        final ReportMarketDepth notNewer = depth(reportedAt, 50_000);
        assertRefused(post(CommandEncoder.withAuthority(venue.encoder.encode(notNewer, true), 600,
            Authority.sign(venue.domain, 600, notNewer, Venue.GOVERNANCE_KEY))), 409, "DEPTH_REPORT_NOT_NEWER",
            afterReport);
    }
}
