package io.novation.node.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioRunnerTest
{
    private static JsonNode subaccount(final ObjectNode report, final String name, final int number)
    {
        for (final JsonNode account : report.get("accounts"))
        {
            if (name.equals(account.path("name").asText()))
            {
                for (final JsonNode subaccount : account.get("subaccounts"))
                {
                    if (subaccount.get("number").asInt() == number)
                    {
                        return subaccount;
                    }
                }
            }
        }
        throw new AssertionError("no subaccount " + name + "/" + number);
    }

    @Test
    void shouldRunDepositsExampleAndRejectReplayedDepositId() throws Exception
    {
        final ObjectNode report = new ScenarioRunner().run(Examples.read("01-deposits.json"));
        assertThat(report.get("rejectedCount").asInt()).isEqualTo(1);
        assertThat(subaccount(report, "alice", 0).get("collateral").get("ETH").asText()).isEqualTo("2.5");
        assertThat(subaccount(report, "bob", 128).get("marginMode").asText()).isEqualTo("isolated");
        assertThat(report.get("conservation").get("holds").asBoolean()).isTrue();
        final JsonNode lastEvent = report.get("events").get(report.get("events").size() - 1);
        assertThat(lastEvent.get("type").asText()).isEqualTo("Rejected");
        assertThat(lastEvent.get("code").asText()).isEqualTo("DUPLICATE_DEPOSIT");
    }

    @Test
    void shouldRunTradesExampleWithSignedOrdersAndReportPositions() throws Exception
    {
        final ObjectNode report = new ScenarioRunner().run(Examples.read("02-trades.json"));
        assertThat(report.get("rejectedCount").asInt()).isZero();
        final JsonNode alice = subaccount(report, "alice", 0);
        final JsonNode position = alice.get("positions").get(0);
        assertThat(position.get("size").asText()).isEqualTo("0.25");
        assertThat(position.get("entryPrice").asText()).isEqualTo("121500");
        assertThat(position.get("unrealizedPnl").asText()).isEqualTo("312.5");
        assertThat(position.get("liquidationPrice").isTextual()).isTrue();
        // 0.25 BTC closed 1,250 above entry; rebate 6.075 on the first fill; taker fee 15.34375 on the second.
        assertThat(alice.get("realizedPnl").asText()).isEqualTo("312.5");
        assertThat(report.get("feePool").asText()).isEqualTo(
            new java.math.BigDecimal("30.375").subtract(new java.math.BigDecimal("6.075"))
                .add(new java.math.BigDecimal("15.34375")).subtract(new java.math.BigDecimal("3.06875"))
                .stripTrailingZeros().toPlainString());
        assertThat(report.get("stateRoot").asText()).startsWith("0x").hasSize(66);
    }

    @Test
    void shouldReportWithdrawalRefusedForMargin() throws Exception
    {
        final ObjectNode report =
            new ScenarioRunner().run(Examples.read("03-withdrawal-refused-for-margin.json"));
        assertThat(report.get("rejectedCount").asInt()).isEqualTo(1);
        boolean sawRefusal = false;
        for (final JsonNode event : report.get("events"))
        {
            if (event.get("type").asText().equals("Rejected"))
            {
                assertThat(event.get("code").asText()).isEqualTo("INSUFFICIENT_MARGIN");
                sawRefusal = true;
            }
        }
        assertThat(sawRefusal).isTrue();
        assertThat(report.get("conservation").get("USDC").get("withdrawn").asText()).isEqualTo("5000");
    }

    @Test
    void shouldGiveSameRootOnEveryRun() throws Exception
    {
        final String text = Examples.read("02-trades.json");
        assertThat(new ScenarioRunner().run(text).get("stateRoot"))
            .isEqualTo(new ScenarioRunner().run(text).get("stateRoot"));
    }

    @Test
    void shouldNameCommandIndexAndFieldOfMalformedCommand()
    {
        final String text = "{\"commands\": [" +
            "{\"type\": \"deposit\", \"account\": \"0x00000000000000000000000000000000000000aa\", \"amount\": \"10\"}," +
            "{\"type\": \"deposit\", \"account\": \"0x00000000000000000000000000000000000000aa\", \"amount\": \"1.0000001\"}]}";
        assertThatThrownBy(() -> new ScenarioRunner().run(text))
            .isInstanceOfSatisfying(ScenarioException.class, ex ->
            {
                assertThat(ex.commandIndex()).isEqualTo(1);
                assertThat(ex.field()).isEqualTo("amount");
            })
            .hasMessageContaining("command 1");
    }

    @Test
    void shouldRejectUnknownFieldsAndTypes()
    {
        assertThatThrownBy(() -> new ScenarioRunner().run("{\"commands\": [{\"type\": \"teleport\"}]}"))
            .isInstanceOfSatisfying(ScenarioException.class, ex -> assertThat(ex.field()).isEqualTo("type"));
        assertThatThrownBy(() -> new ScenarioRunner().run(
            "{\"commands\": [{\"type\": \"deposit\", \"account\": \"0x00000000000000000000000000000000000000aa\"," +
                " \"amount\": \"1\", \"colour\": \"red\"}]}"))
            .isInstanceOfSatisfying(ScenarioException.class, ex -> assertThat(ex.field()).isEqualTo("colour"));
        assertThatThrownBy(() -> new ScenarioRunner().run("{\"commands\": [ {\"type\": "))
            .isInstanceOf(ScenarioException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void shouldRejectUnsignedOrdersUnlessSignaturesAreDeclaredTrusted() throws Exception
    {
        final String body = "\"accounts\": {" +
            "\"p1\": \"0x0a0000000000000000000000000000000000000000000000000000000000000a\"," +
            "\"p2\": \"0x0b0000000000000000000000000000000000000000000000000000000000000b\"," +
            "\"p3\": \"0x0c0000000000000000000000000000000000000000000000000000000000000c\"}, " +
            "\"commands\": [" +
            "{\"type\": \"createPerpetual\", \"ticker\": \"BTC-USD\", \"priceExponent\": -5, \"atomicResolution\": -10," +
            " \"tickSize\": \"1\", \"stepSize\": \"0.0001\"," +
            " \"liquidityTier\": {\"initialMargin\": \"0.05\", \"maintenanceFraction\": \"0.6\"}}," +
            "{\"type\": \"registerOraclePublisher\", \"oracle\": \"BTC-USD\", \"publisher\": \"p1\"}," +
            "{\"type\": \"registerOraclePublisher\", \"oracle\": \"BTC-USD\", \"publisher\": \"p2\"}," +
            "{\"type\": \"registerOraclePublisher\", \"oracle\": \"BTC-USD\", \"publisher\": \"p3\"}," +
            "{\"type\": \"oraclePrice\", \"oracle\": \"BTC-USD\", \"price\": \"60000\"}," +
            "{\"type\": \"deposit\", \"account\": \"0x00000000000000000000000000000000000000aa\", \"amount\": \"1000\"}," +
            "{\"type\": \"deposit\", \"account\": \"0x00000000000000000000000000000000000000bb\", \"amount\": \"1000\"}," +
            "{\"type\": \"settleTrade\", \"market\": \"BTC-USD\", \"size\": \"0.01\", \"price\": \"60000\"," +
            " \"maker\": {\"account\": \"0x00000000000000000000000000000000000000aa\", \"side\": \"buy\"," +
            " \"size\": \"0.01\", \"limitPrice\": \"60000\"}," +
            " \"taker\": {\"account\": \"0x00000000000000000000000000000000000000bb\", \"side\": \"sell\"," +
            " \"size\": \"0.01\", \"limitPrice\": \"60000\"}}]";
        final ObjectNode verified = new ScenarioRunner().run("{" + body + "}");
        assertThat(verified.get("rejectedCount").asInt()).isEqualTo(1);
        final ObjectNode trusted = new ScenarioRunner().run("{\"config\": {\"trustedSignatures\": true}, " + body + "}");
        assertThat(trusted.get("rejectedCount").asInt()).isZero();
    }

    private static final String BTC_MARKET = "{\"type\": \"createPerpetual\", \"ticker\": \"BTC-USD\", \"priceExponent\": -5," +
        " \"atomicResolution\": -10, \"tickSize\": \"1\", \"stepSize\": \"0.0001\", \"liquidityTier\": \"largeCap\"," +
        " \"makerFee\": \"-0.0001\", \"takerFee\": \"0.0005\"}";

    private static String scenario(final String... commands)
    {
        return "{\"accounts\": {\"alice\": \"0x" + "11".repeat(32) + "\", \"bob\": \"0x" + "22".repeat(32) + "\"}," +
            " \"commands\": [" + String.join(",", commands) + "]}";
    }

    @Test
    void shouldRefuseUnrepresentableTimeAsFormatError()
    {
        assertThatThrownBy(() -> new ScenarioRunner().run(scenario("{\"type\": \"deposit\", " +
            "\"time\": \"+300000000-01-01T00:00:00Z\", \"account\": \"alice\", \"amount\": \"1\"}")))
            .isInstanceOfSatisfying(ScenarioException.class, ex -> assertThat(ex.field()).isEqualTo("time"));
    }

    @Test
    void shouldAcceptDecimalsWrittenAsJsonNumbers() throws Exception
    {
        final ObjectNode report = new ScenarioRunner().run(scenario(BTC_MARKET.replace("\"0.0005\"", "0.0005"),
            "{\"type\": \"deposit\", \"account\": \"alice\", \"amount\": 12345678.5}"));
        assertThat(report.get("markets").get(0).get("takerFee").asText()).isEqualTo("0.0005");
        assertThat(subaccount(report, "alice", 0).get("collateral").get("USDC").asText()).isEqualTo("12345678.5");
    }

    @Test
    void shouldRefuseAmountFinerThanOneQuantum()
    {
        assertThatThrownBy(() -> new ScenarioRunner().run(scenario(
            "{\"type\": \"deposit\", \"account\": \"alice\", \"amount\": 1.0000000000000001}")))
            .isInstanceOfSatisfying(ScenarioException.class, ex -> assertThat(ex.field()).isEqualTo("amount"));
    }

    @Test
    void shouldReportPerPositionRequirements() throws Exception
    {
        final ObjectNode report = new ScenarioRunner().run(Examples.read("02-trades.json"));
        final JsonNode position = subaccount(report, "alice", 0).get("positions").get(0);
        // 0.25 BTC at 122,750 = 30,687.5 notional: IMR 5 % = 1,534.375, MMR 3 % = 920.625.
        assertThat(position.get("initialMarginRequirement").asText()).isEqualTo("1534.375");
        assertThat(position.get("maintenanceMarginRequirement").asText()).isEqualTo("920.625");
    }

    @Test
    void shouldRunOracleNetworkExampleWithLyingPublisherHeldJumpAndStaleFeed() throws Exception
    {
        final ObjectNode report = new ScenarioRunner().run(Examples.read("04-oracle-network.json"));
        final java.util.List<String> trail = new java.util.ArrayList<>();
        for (final JsonNode event : report.get("events"))
        {
            switch (event.get("type").asText())
            {
                case "OraclePriceUpdated" -> trail.add("price " + event.get("price").asLong());
                case "OraclePriceHeld" -> trail.add("held " + event.get("price").asLong());
                case "OracleReportRejected" -> trail.add("dropped " + event.get("reason").asText());
                case "MarketStatusChanged" -> trail.add("status " + event.get("status").asText());
                case "Rejected" -> trail.add("rejected " + event.get("code").asText());
                default ->
                {
                }
            }
        }
        assertThat(trail).containsExactly(
            "price 12150000000",
            "dropped UNKNOWN_PUBLISHER", "dropped OUT_OF_WINDOW", "price 12160750000",
            "held 13611000000",
            "price 13630000000",
            "status REDUCE_ONLY",
            "rejected STALE_ORACLE",
            "status HALTED",
            "price 13590000000", "status ACTIVE");
        assertThat(report.get("rejectedCount").asInt()).isEqualTo(1);
        assertThat(report.get("conservation").get("USDC").get("withdrawn").asText()).isEqualTo("5000");
        final JsonNode oracle = report.get("oracles").get(0);
        assertThat(oracle.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(oracle.get("publishers").asInt()).isEqualTo(5);
        assertThat(report.get("conservation").get("holds").asBoolean()).isTrue();
    }

    @Test
    void shouldRunFundingExampleWithLongsPayingThenShortsAndSettleBothSidesExactly() throws Exception
    {
        final ObjectNode report = new ScenarioRunner().run(Examples.read("05-funding.json"));

        assertThat(report.get("rejectedCount").asInt()).isZero();
        final java.util.List<Long> rates = new java.util.ArrayList<>();
        final java.util.Map<String, Long> paid = new java.util.HashMap<>();
        for (final JsonNode event : report.get("events"))
        {
            if ("FundingTicked".equals(event.get("type").asText()))
            {
                rates.add(event.get("rate8hPpb").asLong());
            }
            if ("FundingPaid".equals(event.get("type").asText()))
            {
                paid.merge(event.get("owner").asText(), event.get("amount").asLong(), Long::sum);
            }
        }
        assertThat(rates).hasSize(24);
        assertThat(rates.get(0)).isPositive();
        assertThat(rates.get(23)).isNegative();
        assertThat(paid).hasSize(2);
        assertThat(paid.values().stream().mapToLong(Long::longValue).sum()).isZero();
        final JsonNode funding = report.get("markets").get(0).get("funding");
        assertThat(funding.get("ledger").asText()).isEqualTo("0");
        assertThat(subaccount(report, "alice", 0).get("positions").get(0).get("accruedFunding").asText())
            .isEqualTo("0");
        assertThat(report.get("conservation").get("holds").asBoolean()).isTrue();
    }

    @Test
    void shouldRunLiquidationsExampleThroughFeeFundPaymentAndDeleveraging() throws Exception
    {
        final ObjectNode report = new ScenarioRunner().run(Examples.read("06-liquidations.json"));

        final java.util.List<String> trail = new java.util.ArrayList<>();
        for (final JsonNode event : report.get("events"))
        {
            switch (event.get("type").asText())
            {
                case "Liquidated" -> trail.add("liquidated " + event.get("insuranceFundDelta").asLong());
                case "Deleveraged" -> trail.add("deleveraged " + event.get("quoteAmount").asLong());
                case "Rejected" -> trail.add("rejected " + event.get("code").asText());
                default ->
                {
                }
            }
        }
        assertThat(trail).containsExactly("liquidated 288484500", "rejected LIQUIDATION_TOO_LARGE",
            "liquidated -267700000", "deleveraged 56000000000");
        assertThat(report.get("insuranceFund").asText()).isEqualTo("20.7845");
        assertThat(subaccount(report, "erin", 0).get("netCollateral").asText()).isEqualTo("0");
        assertThat(subaccount(report, "bob", 0).get("positions").get(0).get("bankruptcyPrice").asText())
            .isEqualTo("112000");
        assertThat(report.get("conservation").get("holds").asBoolean()).isTrue();
    }

    @Test
    void shouldRunOptionsExampleThroughMarginCashPremiumsAndExpiry() throws Exception
    {
        final ObjectNode report = new ScenarioRunner().run(Examples.read("07-options.json"));

        final java.util.List<String> trail = new java.util.ArrayList<>();
        for (final JsonNode event : report.get("events"))
        {
            switch (event.get("type").asText())
            {
                case "Rejected" -> trail.add("rejected " + event.get("code").asText());
                case "OptionSettlementFixed" -> trail.add("fixed " + event.get("settlementPrice").asLong());
                case "OptionSeriesSettled" -> trail.add("settled " + event.get("paidToLongs").asLong() + " " +
                    event.get("paidByShorts").asLong());
                default ->
                {
                }
            }
        }
        assertThat(trail).containsExactly("rejected VOL_SURFACE_ARBITRAGE", "rejected INSUFFICIENT_MARGIN",
            "rejected INSUFFICIENT_MARGIN", "rejected OPTION_NOT_EXPIRED", "fixed 10433333333", "fixed 10433333333",
            "settled 4333333330 4333333330", "settled 0 0");
        assertThat(report.get("conservation").get("holds").asBoolean()).isTrue();
        final JsonNode bob = subaccount(report, "bob", 0);
        assertThat(bob.get("realizedPnl").asText()).isEqualTo("433.33333");
        final JsonNode open = bob.get("positions").get(0);
        assertThat(open.get("market").asText()).isEqualTo("BTC-USD-20260227-110000-C");
        assertThat(open.get("greeks").get("delta").asDouble()).isBetween(0.15, 0.25);
        assertThat(subaccount(report, "alice", 0).get("initialMarginRequirement").asText()).isEqualTo("6831.5");
        assertThat(report.get("optionSeries").get(0).get("status").asText()).isEqualTo("SETTLED");
    }

    @Test
    void shouldRoundTripOptionCommandsThroughTheJsonEncoder() throws Exception
    {
        final io.novation.core.engine.ClearingEngine engine = new io.novation.core.engine.ClearingEngine(
            io.novation.core.engine.EngineConfig.defaults(), io.novation.core.event.EventSink.NONE);
        final io.novation.node.json.AccountDirectory directory = new io.novation.node.json.AccountDirectory();
        directory.declare("vol-desk", "0x0d0000000000000000000000000000000000000000000000000000000000000d");
        final ScenarioDecoder decoder = new ScenarioDecoder(engine, directory);
        final io.novation.node.json.CommandEncoder encoder = new io.novation.node.json.CommandEncoder(
            engine.state());
        final String[] commands = {
            "{\"type\": \"createPerpetual\", \"ticker\": \"BTC-USD\", \"priceExponent\": -5, " +
                "\"atomicResolution\": -10, \"tickSize\": \"1\", \"stepSize\": \"0.0001\", " +
                "\"liquidityTier\": \"largeCap\"}",
            "{\"type\": \"createOptionSeries\", \"oracle\": \"BTC-USD\", \"strike\": \"100000.5\", " +
                "\"expiry\": \"2030-01-30T08:00:00Z\", \"optionType\": \"put\", \"atomicResolution\": -4, " +
                "\"tickSize\": \"0.1\", \"stepSize\": \"0.01\", \"takerFee\": \"0.0003\"}",
            "{\"type\": \"registerOraclePublisher\", \"oracle\": \"BTC-USD\", \"publisher\": \"vol-desk\"}",
            "{\"type\": \"setOracleParameters\", \"oracle\": \"BTC-USD\", \"quorum\": 1}",
            "{\"type\": \"oracleVolSurface\", \"oracle\": \"BTC-USD\", \"publisher\": \"vol-desk\", " +
                "\"publishedAt\": 1500, \"slices\": [{\"expiry\": " +
                "\"2030-01-30T08:00:00Z\", \"a\": \"0.02\", \"b\": \"0.04\", \"rho\": \"-0.3\", " +
                "\"m\": \"0.000000001\", \"sigma\": \"0.12\"}]}",
            "{\"type\": \"settleExpiry\", \"series\": \"BTC-USD-20300130-100000.5-P\"}",
            "{\"type\": \"setMarginMode\", \"account\": \"0x1111111111111111111111111111111111111111\", " +
                "\"mode\": \"portfolio\", \"nonce\": 3}"};
        long time = 1_000;
        for (final String text : commands)
        {
            final io.novation.core.command.Command command = decoder.decode(
                io.novation.node.json.Json.MAPPER.readTree(text), time++);
            final io.novation.core.command.Command again = decoder.decode(encoder.encode(command, true), 0);
            assertThat(again).isEqualTo(command);
            engine.apply(command);
        }
        assertThat(engine.state().markets().optionByTicker("BTC-USD-20300130-100000.5-P").strike())
            .isEqualTo(10_000_050_000L);
        assertThat(engine.state().volSurfaces().surface(0).slices().get(0).mNanos()).isEqualTo(1);
        assertThat(engine.state().volSurfaces().surface(0).publisher()).isEqualTo(directory.resolve("vol-desk"));
        assertThat(engine.state().volSurfaces().surface(0).publishedAt()).isEqualTo(1_500);
    }
}
