package io.skywire.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.skywire.node.runtime.NodeConfig;
import io.skywire.node.runtime.NodeConfigException;
import io.skywire.node.runtime.NodeConfigParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a node's config file for a command that runs a node, and applies its log level. */
final class NodeConfigFiles {

    private NodeConfigFiles() {
    }

    /** The parsed file, its log level applied; a missing or broken file is an error naming it. */
    static NodeConfig load(Path configFile) throws IOException {
        if (!Files.isRegularFile(configFile)) {
            throw new IOException("config file " + configFile + " does not exist");
        }
        NodeConfig config;
        try {
            config = NodeConfigParser.parse(configFile);
        } catch (NodeConfigException e) {
            throw new IOException(configFile + ": " + e.getMessage(), e);
        }
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(config.logLevel(), Level.INFO));
        }
        return config;
    }
}
