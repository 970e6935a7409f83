package io.github.braintumor.fiji.ij1;

import ij.IJ;
import ij.plugin.PlugIn;
import ij.text.TextWindow;
import io.github.braintumor.app.ModelCards;
import java.awt.GraphicsEnvironment;

/** ImageJ 1 "About Tumor Models": the model cards of the embedded models. */
public class AboutTumorModelsPlugin implements PlugIn {
    @Override
    public void run(String arg) {
        Ij1.guarded("About Tumor Models", () -> {
            String text = ModelCards.text();
            if (GraphicsEnvironment.isHeadless()) IJ.log(text);
            else new TextWindow("About Tumor Models", text, 640, 480);
        });
    }
}
