package io.novation.node.warning;

import io.novation.core.account.Subaccount;
import io.novation.core.command.Command;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.event.EventLog;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.node.sequencer.Authority;
import io.novation.testkit.VenueClients;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class MarginWatchTest
{
    private final Venue venue = new Venue();
    private final ClearingEngine engine = venue.replica();
    private final EventLog log = new EventLog();
    private final MarginWatch watch = new MarginWatch();

    /** Commands applied to the replica, with the engine's events collected. */
    private static final class Venue extends VenueClients<Command>
    {
        Venue()
        {
            super(1_760_000_000_000L, Collateral.USDC);
        }

        @Override
        protected Command wire(final Command command, final long nonce, final EcdsaSignature envelope)
        {
            return command;
        }

        @Override
        protected EcdsaSignature envelope(final byte[] domain, final long nonce, final Command command,
            final byte[] privateKey)
        {
            return Authority.sign(domain, nonce, command, privateKey);
        }
    }

    private List<MarginWarning> step(final Runnable commands)
    {
        log.clear();
        commands.run();
        final List<MarginWarning> warnings = watch.onDurable(engine, new ArrayList<>(log.events()));
        log.clear();
        return warnings;
    }

    private void openBook(final int traders)
    {
        engine.eventSink(log);
        venue.genesis();
        venue.price(60_000);
        venue.deposit("maker", 10_000_000);
        for (int i = 0; i < traders; i++)
        {
            // Trader i: 1 BTC long at 60,000 on 9,000 + 100·i USDC.
            venue.deposit("trader" + i, 9_000 + 100L * i);
            venue.trade("maker", "trader" + i, false, VenueClients.ONE_BTC, 60_000);
        }
        watch.onDurable(engine, new ArrayList<>(log.events()));
        log.clear();
    }

    @Test
    void shouldWarnOnceAtEachThresholdOnAFallingPrice()
    {
        openBook(1);
        final List<MarginWarning> warnings = new ArrayList<>();
        for (long usd = 60_000; usd >= 51_700; usd -= 50)
        {
            final long price = usd;
            warnings.addAll(step(() -> venue.price(price)));
        }
        assertThat(warnings).extracting(MarginWarning::thresholdPpm)
            .containsExactly(1_500_000L, 1_200_000L, 1_050_000L);
        assertThat(warnings).allSatisfy(w ->
        {
            assertThat(w.owner()).isEqualTo(VenueClients.address("trader0"));
            assertThat(w.healthPpm()).isLessThan(w.thresholdPpm()).isGreaterThan(w.thresholdPpm() - 40_000);
            assertThat(WarningLevels.healthPpm(w.netCollateral(), w.maintenanceRequirement()))
                .isEqualTo(w.healthPpm());
        });
    }

    @Test
    void shouldNotRepeatAWarningUntilHealthRisesAboveTheThresholdPlusHysteresis()
    {
        openBook(1);
        final List<MarginWarning> first = new ArrayList<>();
        for (long usd = 60_000; usd >= 53_300; usd -= 100)
        {
            final long price = usd;
            first.addAll(step(() -> venue.price(price)));
        }
        assertThat(first).extracting(MarginWarning::thresholdPpm).containsExactly(1_500_000L);
        // Oscillating just around 1.5 (below the re-arm level) says nothing more.
        final List<MarginWarning> again = new ArrayList<>();
        for (int i = 0; i < 6; i++)
        {
            again.addAll(step(() -> venue.price(53_350)));
            again.addAll(step(() -> venue.price(53_300)));
        }
        assertThat(again).isEmpty();
        // Back well above 1.55, then down again: warned a second time.
        again.addAll(step(() -> venue.price(56_000)));
        again.addAll(step(() -> venue.price(53_300)));
        assertThat(again).extracting(MarginWarning::thresholdPpm).containsExactly(1_500_000L);
    }

    @Test
    void shouldWarnExactlyAsReadingEverySubaccountAtEveryTickWouldWhileReadingFarFewer()
    {
        final int traders = 40;
        openBook(traders);
        final Reference reference = new Reference(engine);
        reference.readAll();
        final Random random = new Random(20);
        long usd = 60_000;
        long reads = 0;
        final List<String> incremental = new ArrayList<>();
        final List<String> full = new ArrayList<>();
        for (int tick = 0; tick < 400; tick++)
        {
            usd += random.nextInt(121) - 90;
            final long price = usd;
            for (final MarginWarning w : step(() -> venue.price(price)))
            {
                incremental.add(tick + ":" + w.owner() + ":" + w.thresholdPpm());
            }
            reads += watch.readsInLastGroup();
            for (final MarginWarning w : reference.readAll())
            {
                full.add(tick + ":" + w.owner() + ":" + w.thresholdPpm());
            }
        }
        assertThat(usd).as("the walk fell through the thresholds of most traders").isLessThan(53_000);
        assertThat(full).as("the walk crosses thresholds").hasSizeGreaterThan(traders);
        assertThat(incremental).containsExactlyInAnyOrderElementsOf(full);
        assertThat(reads).as("reads over 400 ticks of " + (traders + 1) + " subaccounts")
            .isLessThan(400L * (traders + 1) / 3);
    }

    @Test
    void shouldWarnOnGroupsOfFillsAndPricesExactlyAsReadingEverySubaccountAfterEachGroup()
    {
        final int traders = 30;
        openBook(traders);
        final Reference reference = new Reference(engine);
        reference.readAll();
        final Random random = new Random(21);
        long usd = 60_000;
        final List<String> incremental = new ArrayList<>();
        final List<String> full = new ArrayList<>();
        for (int group = 0; group < 300; group++)
        {
            usd += random.nextInt(141) - 100;
            final long price = usd;
            final int fills = 1 + random.nextInt(4);
            final int[] takers = new int[fills];
            final boolean[] makerBuys = new boolean[fills];
            for (int f = 0; f < fills; f++)
            {
                takers[f] = random.nextInt(traders);
                makerBuys[f] = random.nextBoolean();
            }
            // One durable group: fills that move some traders' positions and collateral, then a price move.
            for (final MarginWarning w : step(() ->
            {
                for (int f = 0; f < fills; f++)
                {
                    venue.trade("maker", "trader" + takers[f], makerBuys[f], VenueClients.ONE_BTC / 10, price);
                }
                venue.price(price);
            }))
            {
                incremental.add(group + ":" + w.owner() + ":" + w.thresholdPpm());
            }
            for (final MarginWarning w : reference.readAll())
            {
                full.add(group + ":" + w.owner() + ":" + w.thresholdPpm());
            }
        }
        assertThat(full).as("the fills and the walk cross thresholds").hasSizeGreaterThan(traders / 2);
        assertThat(incremental).containsExactlyInAnyOrderElementsOf(full);
    }

    @Test
    void shouldWarnFromAFillsFieldsInTheLogExactlyAsFromItsEventValues()
    {
        final int traders = 30;
        openBook(traders);
        final MarginWatch fromRows = new MarginWatch();
        fromRows.readAll(engine);
        final Random random = new Random(22);
        long usd = 60_000;
        int warned = 0;
        for (int group = 0; group < 300; group++)
        {
            usd += random.nextInt(141) - 100;
            final long price = usd;
            log.clear();
            for (int f = 0, fills = 1 + random.nextInt(4); f < fills; f++)
            {
                venue.trade("maker", "trader" + random.nextInt(traders), random.nextBoolean(),
                    VenueClients.ONE_BTC / 10, price);
            }
            venue.price(price);
            // The log's fills are still fields when the first watch reads it; the second reads the built values.
            final List<MarginWarning> rows = fromRows.onDurable(engine, log);
            final List<MarginWarning> values = watch.onDurable(engine, new ArrayList<>(log.events()));
            assertThat(rows).as("group " + group).isEqualTo(values);
            assertThat(fromRows.readsInLastGroup()).isEqualTo(watch.readsInLastGroup());
            warned += values.size();
        }
        log.clear();
        assertThat(warned).as("the fills and the walk cross thresholds").isGreaterThan(traders / 2);
    }

    /** Reads every subaccount at every tick with the same arming rule: what the watch must match. */
    private static final class Reference
    {
        private final ClearingEngine engine;
        private final int[] armed = new int[1024];

        Reference(final ClearingEngine engine)
        {
            this.engine = engine;
            java.util.Arrays.fill(armed, WarningLevels.ALL_ARMED);
        }

        List<MarginWarning> readAll()
        {
            final List<MarginWarning> warnings = new ArrayList<>();
            final MarginCalculator calculator = new MarginCalculator(engine.state().markets(),
                engine.state().oracles(), engine.state().volSurfaces());
            final MarginFigures figures = new MarginFigures();
            for (int id = 0; id < engine.state().accounts().subaccountCount(); id++)
            {
                final Subaccount subaccount = engine.state().accounts().subaccountById(id);
                if (!calculator.compute(subaccount, figures) || figures.maintenanceMarginRequirement() <= 0)
                {
                    armed[id] = WarningLevels.ALL_ARMED;
                    continue;
                }
                final long health = WarningLevels.healthPpm(figures.netCollateralMaintenance(),
                    figures.maintenanceMarginRequirement());
                int crossed = -1;
                for (int level = 0; level < WarningLevels.count(); level++)
                {
                    final long threshold = WarningLevels.thresholdPpm(level);
                    if ((armed[id] & 1 << level) != 0 && health < threshold)
                    {
                        armed[id] &= ~(1 << level);
                        crossed = level;
                    }
                    else if ((armed[id] & 1 << level) == 0 && health >= threshold + WarningLevels.HYSTERESIS_PPM)
                    {
                        armed[id] |= 1 << level;
                    }
                }
                if (crossed >= 0)
                {
                    warnings.add(new MarginWarning(engine.state().sequence(), subaccount.account().owner(),
                        subaccount.number(), WarningLevels.thresholdPpm(crossed), health,
                        figures.netCollateralMaintenance(), figures.maintenanceMarginRequirement()));
                }
            }
            return warnings;
        }
    }
}
