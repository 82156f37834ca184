package io.skywire.node.sim;

/** One parameter a scenario accepts, as a command line shows it: {@code --name value}. */
public record ScenarioParameter(String name, String description, String defaultValue) {
}
