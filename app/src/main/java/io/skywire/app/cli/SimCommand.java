package io.skywire.app.cli;

import io.skywire.node.sim.Scenario;
import io.skywire.node.sim.ScenarioParameter;
import io.skywire.node.sim.ScenarioRegistry;
import io.skywire.node.sim.ScenarioResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code skywire sim}: runs a scenario in the deterministic network simulator and prints one JSON object. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Run a scenario in the deterministic network simulator; prints one JSON object.",
            "Scenario parameters are given as --name VALUE; `skywire sim --list` names the scenarios and theirs."})
final class SimCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--list", description = "List the scenarios and their parameters.")
    private boolean list;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", description = "The scenario to run.")
    private String scenarioName;

    @Unmatched
    private List<String> scenarioArguments = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            printList(out);
            return 0;
        }
        if (scenarioName == null) {
            throw new ParameterException(spec.commandLine(), "name a scenario, or use --list");
        }
        Scenario scenario = ScenarioRegistry.find(scenarioName).orElseThrow(() -> new ParameterException(
                spec.commandLine(), "unknown scenario '" + scenarioName + "'; `skywire sim --list` names them"));
        Map<String, String> values = parseValues(scenarioArguments);
        ScenarioResult result;
        try {
            result = scenario.run(values);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), scenario.name() + ": " + e.getMessage());
        }
        out.println(result.toJson());
        out.flush();
        return 0;
    }

    private Map<String, String> parseValues(List<String> arguments) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (!argument.startsWith("--") || argument.length() == 2) {
                throw new ParameterException(spec.commandLine(), "expected --name VALUE, found '" + argument + "'");
            }
            String name;
            String value;
            int equals = argument.indexOf('=');
            if (equals > 0) {
                name = argument.substring(2, equals);
                value = argument.substring(equals + 1);
            } else if (i + 1 < arguments.size() && !arguments.get(i + 1).startsWith("--")) {
                name = argument.substring(2);
                value = arguments.get(++i);
            } else {
                throw new ParameterException(spec.commandLine(), "missing value for " + argument);
            }
            if (values.put(name, value) != null) {
                throw new ParameterException(spec.commandLine(), "--" + name + " given twice");
            }
        }
        return values;
    }

    private static void printList(PrintWriter out) {
        for (Scenario scenario : ScenarioRegistry.all()) {
            out.println(scenario.name() + " - " + scenario.description());
            for (ScenarioParameter parameter : scenario.parameters()) {
                out.printf("    --%-14s %s (default: %s)%n", parameter.name(), parameter.description(),
                        parameter.defaultValue());
            }
        }
        out.flush();
    }
}
