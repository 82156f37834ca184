package io.skywire.app.settings;

import io.skywire.node.runtime.NodeConfigException;
import io.skywire.wallet.seed.AtomicFileWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@code desktop.conf}: {@code key = value} lines like the node configuration ({@code #} starts a
 * comment, blank lines are ignored, only {@code bootstrap} repeats). Every refusal names the line and the reason; an
 * unknown key is refused rather than ignored, so a typo never silently falls back to a default. Writes are atomic
 * (a temporary file renamed over the old one), so a crash leaves the old settings or the new, never half of them.
 */
public final class DesktopSettingsFile {

    private DesktopSettingsFile() {
    }

    /** The settings file in the app's data directory. */
    public static Path in(Path appDataDir) {
        return appDataDir.resolve(DesktopSettings.FILE_NAME);
    }

    /**
     * Reads {@code file}; a missing file is the defaults.
     *
     * @throws NodeConfigException naming the line and the reason
     */
    public static DesktopSettings read(Path file) throws NodeConfigException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return DesktopSettings.defaults();
        } catch (IOException e) {
            throw new NodeConfigException(0, "cannot read " + file + ": " + e.getMessage());
        }
        return parse(lines);
    }

    /** Parses lines; see the class comment for the format. */
    public static DesktopSettings parse(List<String> lines) throws NodeConfigException {
        Map<SettingKey, Object> values = new EnumMap<>(SettingKey.class);
        Map<SettingKey, Integer> lineOf = new HashMap<>();
        List<String> bootstrap = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String line = lines.get(i);
            int hash = line.indexOf('#');
            line = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (line.isEmpty()) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw new NodeConfigException(number, "expected 'key = value'");
            }
            String name = line.substring(0, equals).strip();
            SettingKey key = SettingKey.named(name);
            if (key == null) {
                throw new NodeConfigException(number, "unknown key '" + name + "'");
            }
            if (!key.repeats() && lineOf.containsKey(key)) {
                throw new NodeConfigException(number, "'" + name + "' repeats line " + lineOf.get(key));
            }
            Object value;
            try {
                value = key.parse(line.substring(equals + 1));
            } catch (NodeConfigException e) {
                throw new NodeConfigException(number, "'" + name + "' " + e.reason());
            }
            lineOf.put(key, number);
            if (key == SettingKey.BOOTSTRAP) {
                bootstrap.add((String) value);
            } else {
                values.put(key, value);
            }
        }
        return DesktopSettings.of(values, bootstrap);
    }

    /** The file's text for {@code settings}: every key, defaults included, so the file documents itself. */
    public static List<String> format(DesktopSettings settings) {
        List<String> lines = new ArrayList<>();
        lines.add("# Skywire desktop settings (docs/CONFIG.md); the settings screen rewrites this file.");
        for (SettingKey key : SettingKey.values()) {
            for (String value : settings.text(key)) {
                lines.add(key.key() + " = " + value);
            }
        }
        return lines;
    }

    /** Writes {@code settings} to {@code file} atomically, creating its directory. */
    public static void write(Path file, DesktopSettings settings) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        byte[] text = (String.join("\n", format(settings)) + "\n").getBytes(StandardCharsets.UTF_8);
        new AtomicFileWriter().write(absolute, text);
    }
}
