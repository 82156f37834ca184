package io.skywire.app;

import io.skywire.app.cli.SkywireCommand;

/** Entry point of the {@code skywire} program; not a JavaFX Application, so jpackage can launch it. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(SkywireCommand.run(args));
    }
}
