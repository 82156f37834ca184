package io.skywire.app.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code skywire} command. */
@Command(name = "skywire",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Skywire meshnet node and wallet.",
        subcommands = {GuiCommand.class, NodeCommand.class, SimCommand.class, TestnetCommand.class, WalletCommand.class,
            EscrowCommand.class, VpnCommand.class, SyncCommand.class, ChatCommand.class, SelftestCommand.class,
            CommandLine.HelpCommand.class})
public final class SkywireCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        // Options without a subcommand (none but --help and --version exist): say what there is.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs the command line and returns the exit code: 0 on success, 2 for a usage error (usage on
     * stderr), 1 for any other failure (one line on stderr, no stack trace).
     */
    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /**
     * As {@link #run(String[])}, writing to the given streams (for tests). No arguments at all means {@code gui}: the
     * desktop window is what a person who just types {@code skywire} wants; {@code --help} lists the rest.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 0) {
            args = new String[] {"gui"};
        }
        CommandLine commandLine = new CommandLine(new SkywireCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        // Picocli skips the usage when it has a "did you mean" suggestion; the exit-code contract promises usage.
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine failed = exception.getCommandLine();
            failed.getErr().println(exception.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(exception, failed.getErr());
            failed.usage(failed.getErr());
            failed.getErr().flush();
            return 2;
        });
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            cmd.getErr().println("skywire: " + oneLine(exception));
            cmd.getErr().flush();
            return 1;
        });
        return commandLine.execute(args);
    }

    private static String oneLine(Throwable exception) {
        String message = exception.getMessage();
        if (message == null || message.isBlank()) {
            message = exception.getClass().getSimpleName();
        }
        return message.replace('\n', ' ');
    }
}
