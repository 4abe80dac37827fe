package io.novation.node.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.pricing.Black76;
import io.novation.core.pricing.BlackScholesMerton;
import io.novation.core.pricing.ImpliedVolatility;
import io.novation.core.pricing.OptionGreeks;
import io.novation.core.pricing.OptionType;
import io.novation.node.json.Json;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code novation greeks}: the price and Greeks of one European option, or the implied volatility of a price, as
 * JSON. Prices in strike currency, times in years, rates, carry and volatility per year as decimal fractions; vega
 * per 1.00 of volatility, theta per year, rho per 1.00 of rate (see {@code docs/pricing.md}).
 * <p>
 * Exit codes: 0 when priced or solved; 1 when a price has no implied volatility (the JSON says why); 2 for invalid
 * arguments, with a message on standard error.
 */
@Command(name = "greeks", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Price a European option and its Greeks (Black-76 on a forward, or Black-Scholes-Merton on a spot with a " +
            "cost of carry), or with --price instead of --vol, its implied volatility. Prints JSON.",
        "Units: strike currency, years, annual decimal rates and volatilities (0.2 = 20 %%); vega per 1.00 of " +
            "volatility, theta per year, rho per 1.00 of rate."})
public final class GreeksCommand implements Callable<Integer>
{
    private static final int NO_IMPLIED_VOLATILITY = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "black76|bsm",
        description = "black76: option on a forward (needs --forward); bsm: generalized Black-Scholes-Merton on a " +
            "spot (needs --spot)")
    private String model;

    @Option(names = "--type", required = true, paramLabel = "call|put", description = "call or put")
    private String type;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Underlying underlying;

    @Option(names = "--strike", required = true, paramLabel = "K", description = "strike, strike currency")
    private double strike;

    @Option(names = "--expiry-years", required = true, paramLabel = "T", description = "time to expiry, years")
    private double expiryYears;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private VolatilityOrPrice input;

    @Option(names = "--rate", required = true, paramLabel = "r",
        description = "risk-free rate per year, continuously compounded (0.05 = 5 %%)")
    private double rate;

    @Option(names = "--carry", paramLabel = "b",
        description = "bsm only: cost of carry per year, r - q for a dividend yield q (default: the rate, no " +
            "dividends)")
    private Double carry;

    /**
     * The underlying price: a forward for Black-76 or a spot for Black-Scholes-Merton.
     */
    static final class Underlying
    {
        @Option(names = "--spot", required = true, paramLabel = "S", description = "bsm: spot price")
        private Double spot;

        @Option(names = "--forward", required = true, paramLabel = "F", description = "black76: forward price")
        private Double forward;
    }

    /**
     * A volatility to price with, or a price to invert.
     */
    static final class VolatilityOrPrice
    {
        @Option(names = "--vol", required = true, paramLabel = "σ",
            description = "volatility per year (0.2 = 20 %%): print the price and Greeks")
        private Double volatility;

        @Option(names = "--price", required = true, paramLabel = "P",
            description = "option price, strike currency: print the implied volatility instead")
        private Double price;
    }

    @Override
    public Integer call() throws JsonProcessingException
    {
        final boolean black76 = isBlack76();
        final OptionType optionType = optionType();
        if (black76 && underlying.spot != null)
        {
            throw usage("--model black76 prices an option on a forward: give --forward, not --spot");
        }
        if (!black76 && underlying.forward != null)
        {
            throw usage("--model bsm prices an option on a spot: give --spot, not --forward " +
                "(or use --model black76 for an option on a forward)");
        }
        if (black76 && carry != null)
        {
            throw usage("--carry applies to --model bsm only: Black-76 has no cost of carry");
        }
        final double carryRate = carry != null ? carry : rate;

        final ObjectNode report = Json.MAPPER.createObjectNode();
        report.put("model", black76 ? "black76" : "bsm");
        report.put("type", optionType.name().toLowerCase(Locale.ROOT));
        if (black76)
        {
            report.put("forward", underlying.forward);
        }
        else
        {
            report.put("spot", underlying.spot);
        }
        report.put("strike", strike);
        report.put("expiryYears", expiryYears);
        report.put("rate", rate);
        if (!black76)
        {
            report.put("carry", carryRate);
        }

        final PrintWriter out = spec.commandLine().getOut();
        try
        {
            if (input.volatility != null)
            {
                final OptionGreeks greeks = black76 ?
                    Black76.greeks(optionType, underlying.forward, strike, expiryYears, rate, input.volatility) :
                    BlackScholesMerton.greeks(
                        optionType, underlying.spot, strike, expiryYears, rate, carryRate, input.volatility);
                report.put("volatility", input.volatility);
                report.put("price", greeks.price());
                report.put("delta", greeks.delta());
                report.put("gamma", greeks.gamma());
                report.put("vega", greeks.vega());
                report.put("theta", greeks.theta());
                report.put("rho", greeks.rho());
                out.println(Json.MAPPER.writeValueAsString(report));
                out.flush();
                return CommandLine.ExitCode.OK;
            }

            final ImpliedVolatility implied = black76 ?
                Black76.impliedVolatility(optionType, underlying.forward, strike, expiryYears, rate, input.price) :
                BlackScholesMerton.impliedVolatility(
                    optionType, underlying.spot, strike, expiryYears, rate, carryRate, input.price);
            report.put("price", input.price);
            report.put("status", implied.status().name());
            if (implied.isSolved())
            {
                report.put("impliedVolatility", implied.volatility());
            }
            else
            {
                report.putNull("impliedVolatility");
            }
            report.put("iterations", implied.iterations());
            out.println(Json.MAPPER.writeValueAsString(report));
            out.flush();
            if (!implied.isSolved())
            {
                spec.commandLine().getErr().println("novation greeks: no implied volatility for price " +
                    input.price + ": " + implied.status());
                return NO_IMPLIED_VOLATILITY;
            }
            return CommandLine.ExitCode.OK;
        }
        catch (final IllegalArgumentException ex)
        {
            throw usage(ex.getMessage());
        }
    }

    private boolean isBlack76()
    {
        return switch (model.toLowerCase(Locale.ROOT))
        {
            case "black76" -> true;
            case "bsm" -> false;
            default -> throw usage("--model must be black76 or bsm: " + model);
        };
    }

    private OptionType optionType()
    {
        return switch (type.toLowerCase(Locale.ROOT))
        {
            case "call" -> OptionType.CALL;
            case "put" -> OptionType.PUT;
            default -> throw usage("--type must be call or put: " + type);
        };
    }

    private CommandLine.ParameterException usage(final String message)
    {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
