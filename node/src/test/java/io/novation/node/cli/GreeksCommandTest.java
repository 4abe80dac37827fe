package io.novation.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.node.json.Json;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code novation greeks} through the real command line: Hull's and Haug's examples, the implied volatility of
 * Hull's example, and every refusal with its exit code.
 */
class GreeksCommandTest
{
    private String out = "";
    private String err = "";

    private int run(final String... args)
    {
        final StringWriter outText = new StringWriter();
        final StringWriter errText = new StringWriter();
        final CommandLine commandLine = NovationCli.commandLine();
        commandLine.setOut(new PrintWriter(outText, true));
        commandLine.setErr(new PrintWriter(errText, true));
        final int exitCode = commandLine.execute(args);
        out = outText.toString();
        err = errText.toString();
        return exitCode;
    }

    private JsonNode json() throws Exception
    {
        return Json.MAPPER.readTree(out);
    }

    @Test
    void shouldPrintHullsPriceAndGreeks() throws Exception
    {
        final int exitCode = run("greeks", "--model", "bsm", "--type", "call", "--spot", "42", "--strike", "40",
            "--expiry-years", "0.5", "--rate", "0.10", "--vol", "0.20");

        assertThat(exitCode).as(err).isZero();
        final JsonNode report = json();
        assertThat(report.get("model").asText()).isEqualTo("bsm");
        assertThat(report.get("type").asText()).isEqualTo("call");
        assertThat(report.get("spot").asDouble()).isEqualTo(42.0);
        assertThat(report.get("carry").asDouble()).as("carry defaults to the rate").isEqualTo(0.10);
        assertThat(report.get("price").asDouble()).isCloseTo(4.759422, within(5e-7));
        assertThat(report.get("delta").asDouble()).isCloseTo(0.779131, within(5e-7));
        assertThat(report.get("gamma").asDouble()).isCloseTo(0.049963, within(5e-7));
        assertThat(report.get("vega").asDouble()).isCloseTo(8.813415, within(5e-7));
        assertThat(report.get("theta").asDouble()).isCloseTo(-4.559092, within(5e-7));
        assertThat(report.get("rho").asDouble()).isCloseTo(13.982046, within(5e-7));
    }

    @Test
    void shouldPriceAPutWithADividendYield() throws Exception
    {
        // Haug: S 100, K 95, T 0.5, r 10 %, q 5 % (b = 5 %), σ 20 %: put 2.4648.
        assertThat(run("greeks", "--model", "bsm", "--type", "put", "--spot", "100", "--strike", "95",
            "--expiry-years", "0.5", "--rate", "0.10", "--carry", "0.05", "--vol", "0.20")).as(err).isZero();
        assertThat(json().get("price").asDouble()).isCloseTo(2.464788, within(5e-7));
    }

    @Test
    void shouldPriceBlack76OnAForward() throws Exception
    {
        assertThat(run("greeks", "--model", "black76", "--type", "put", "--forward", "19", "--strike", "19",
            "--expiry-years", "0.75", "--rate", "0.10", "--vol", "0.28")).as(err).isZero();
        final JsonNode report = json();
        assertThat(report.get("forward").asDouble()).isEqualTo(19.0);
        assertThat(report.has("carry")).isFalse();
        assertThat(report.get("price").asDouble()).isCloseTo(1.7011, within(5e-5));
        assertThat(report.get("rho").asDouble()).isCloseTo(-0.75 * report.get("price").asDouble(), within(1e-12));
    }

    @Test
    void shouldPrintHullsImpliedVolatility() throws Exception
    {
        assertThat(run("greeks", "--model", "bsm", "--type", "call", "--spot", "21", "--strike", "20",
            "--expiry-years", "0.25", "--rate", "0.10", "--price", "1.875")).as(err).isZero();
        final JsonNode report = json();
        assertThat(report.get("status").asText()).isEqualTo("SOLVED");
        assertThat(report.get("impliedVolatility").asDouble()).isCloseTo(0.234513, within(5e-7));
        assertThat(report.get("price").asDouble()).isEqualTo(1.875);
        assertThat(report.get("iterations").asInt()).isPositive();
    }

    @Test
    void shouldReportAPriceWithoutImpliedVolatility() throws Exception
    {
        // A call cannot be worth more than the discounted forward.
        assertThat(run("greeks", "--model", "black76", "--type", "call", "--forward", "100", "--strike", "90",
            "--expiry-years", "1", "--rate", "0", "--price", "120")).isEqualTo(1);
        final JsonNode report = json();
        assertThat(report.get("status").asText()).isEqualTo("NO_SOLUTION");
        assertThat(report.get("impliedVolatility").isNull()).isTrue();
        assertThat(err).contains("no implied volatility for price 120.0: NO_SOLUTION");
    }

    @Test
    void shouldRefuseASpotForBlack76AndAForwardForBsm()
    {
        assertThat(run("greeks", "--model", "black76", "--type", "call", "--spot", "19", "--strike", "19",
            "--expiry-years", "0.75", "--rate", "0.10", "--vol", "0.28")).isEqualTo(2);
        assertThat(err).contains("--model black76 prices an option on a forward: give --forward, not --spot");
        assertThat(out).isEmpty();

        assertThat(run("greeks", "--model", "bsm", "--type", "call", "--forward", "42", "--strike", "40",
            "--expiry-years", "0.5", "--rate", "0.10", "--vol", "0.20")).isEqualTo(2);
        assertThat(err).contains("--model bsm prices an option on a spot: give --spot, not --forward");
    }

    @Test
    void shouldRefuseInconsistentOrInvalidArguments()
    {
        assertThat(run("greeks", "--model", "black76", "--type", "call", "--forward", "19", "--strike", "19",
            "--expiry-years", "0.75", "--rate", "0.10", "--carry", "0.02", "--vol", "0.28")).isEqualTo(2);
        assertThat(err).contains("--carry applies to --model bsm only");

        assertThat(run("greeks", "--model", "bsm", "--type", "call", "--spot", "42", "--strike", "40",
            "--expiry-years", "0.5", "--rate", "0.10", "--vol", "0.20", "--price", "4.7")).isEqualTo(2);
        assertThat(err).contains("mutually exclusive");

        assertThat(run("greeks", "--model", "bsm", "--type", "call", "--spot", "42", "--strike", "40",
            "--expiry-years", "0.5", "--rate", "0.10")).isEqualTo(2);
        assertThat(err).contains("--vol").contains("--price");

        assertThat(run("greeks", "--model", "heston", "--type", "call", "--spot", "42", "--strike", "40",
            "--expiry-years", "0.5", "--rate", "0.10", "--vol", "0.2")).isEqualTo(2);
        assertThat(err).contains("--model must be black76 or bsm: heston");

        assertThat(run("greeks", "--model", "bsm", "--type", "straddle", "--spot", "42", "--strike", "40",
            "--expiry-years", "0.5", "--rate", "0.10", "--vol", "0.2")).isEqualTo(2);
        assertThat(err).contains("--type must be call or put: straddle");

        assertThat(run("greeks", "--model", "bsm", "--type", "call", "--spot", "42", "--strike", "-40",
            "--expiry-years", "0.5", "--rate", "0.10", "--vol", "0.2")).isEqualTo(2);
        assertThat(err).contains("strike must be finite and > 0: -40.0");

        assertThat(run("greeks", "--model", "bsm", "--type", "call", "--spot", "42", "--strike", "40",
            "--expiry-years", "0.5", "--rate", "NaN", "--vol", "0.2")).isEqualTo(2);
        assertThat(err).contains("rate must be finite: NaN");
    }

    @Test
    void shouldBeListedInTheHelp()
    {
        assertThat(run("--help")).isZero();
        assertThat(out).contains("greeks");
    }
}
