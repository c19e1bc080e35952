package org.dmasim.polyglot;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.dmasim.interpreter.eval.RunListener;

/**
 * What a guest prints, as the run's {@code print} events: each complete line goes to the listener
 * as it ends; {@link #close()} hands over an unfinished last line. For hosts that take a run's
 * output as data (the API's sandboxes), not as a stream.
 */
final class PrintedLines extends OutputStream {
    private final RunListener listener;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    PrintedLines(RunListener listener) {
        this.listener = listener;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            listener.print(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            write('\n');
        }
    }
}
