package io.skywire.node.sim;

/** The outcome of a scenario run, printable as one JSON object. */
public interface ScenarioResult {

    /** The result as a single-line JSON object; the same seed gives the same string. */
    String toJson();
}
