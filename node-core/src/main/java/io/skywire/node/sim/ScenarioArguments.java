package io.skywire.node.sim;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Typed access to a scenario's string parameters, refusing unknown names and unparsable values. */
final class ScenarioArguments {

    private final Map<String, String> values;
    private final List<ScenarioParameter> parameters;

    ScenarioArguments(List<ScenarioParameter> parameters, Map<String, String> values) {
        this.parameters = parameters;
        this.values = values;
        Set<String> known = new HashSet<>();
        for (ScenarioParameter parameter : parameters) {
            known.add(parameter.name());
        }
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown parameter --" + name);
            }
        }
    }

    String string(String name) {
        String value = values.get(name);
        if (value != null) {
            return value;
        }
        for (ScenarioParameter parameter : parameters) {
            if (parameter.name().equals(name)) {
                return parameter.defaultValue();
            }
        }
        throw new IllegalArgumentException("no parameter --" + name);
    }

    long longValue(String name) {
        try {
            return Long.parseLong(string(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer", e);
        }
    }

    double doubleValue(String name) {
        try {
            return Double.parseDouble(string(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number", e);
        }
    }
}
