package io.skywire.node.sim;

import java.util.List;
import java.util.Map;

/** A named, parameterised simulation that runs to a {@link ScenarioResult}. */
public interface Scenario {

    /** The name on the command line, such as {@code lossy-chain}. */
    String name();

    /** One line saying what the scenario shows. */
    String description();

    /** The parameters it accepts, with defaults. */
    List<ScenarioParameter> parameters();

    /**
     * Runs with the given parameter values (missing ones take their defaults).
     *
     * @throws IllegalArgumentException naming the parameter when a value is unknown or invalid
     */
    ScenarioResult run(Map<String, String> values);
}
