package io.github.braintumor.fiji.command;

import ij.text.TextWindow;
import io.github.braintumor.app.ModelCards;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Plugins > Brain Tumor > About Tumor Models: the model cards of the embedded default models. */
@Plugin(type = Command.class, menuPath = "Plugins>Brain Tumor>About Tumor Models")
public class AboutTumorModelsCommand extends BrainTumorCommand {
    private String text;

    @Override
    protected String label() {
        return "About Tumor Models";
    }

    @Override
    protected void execute() {
        text = ModelCards.text();
        if (gui()) new TextWindow("About Tumor Models", text, 640, 480);
        else if (log != null) log.info(text);
    }

    /** The cards shown. */
    public String text() {
        return text;
    }
}
