package io.github.braintumor.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import io.github.braintumor.data.LggDataset;
import io.github.braintumor.fiji.command.SegmentTumorCommand;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.scijava.Context;

/** Check boxes read alike in both twins: bare words reach the SciJava command as Fiji runs it from a macro. */
class MacroOptionsTest {
    @Test
    void bareWordsAreWholeTokensOutsideBrackets() {
        assertTrue(MacroOptions.hasBareWord("model=[] probability outline=false", "probability"));
        assertFalse(MacroOptions.hasBareWord("model=[/data/probability x] outline", "probability"));
        assertFalse(MacroOptions.hasBareWord("probability=false", "probability"));
        assertTrue(MacroOptions.hasBareWord("Outline", "outline"));
        assertEquals(List.of("model=[/a b]", "outline"), MacroOptions.tokens(" model=[/a b]  outline "));
    }

    @Test
    void aCheckBoxThatIsOnByDefaultStaysOnInMacrosThatDoNotMentionIt() {
        assertEquals("model=[] resample", MacroOptions.checkedUnlessSaid("model=[]", "resample"));
        assertEquals("resample", MacroOptions.checkedUnlessSaid("", "resample"));
        assertEquals("model=[] resample=false", MacroOptions.checkedUnlessSaid("model=[] resample=false", "resample"));
        assertEquals(
                "model=[] ",
                MacroOptions.bareBooleans(
                                MacroOptions.checkedUnlessSaid("model=[] resample=false", "resample"), "resample")
                        + " ");
        assertEquals("Resample model=[]", MacroOptions.checkedUnlessSaid("Resample model=[]", "resample"));
        assertEquals(
                "model=[/x resample] resample",
                MacroOptions.checkedUnlessSaid("model=[/x resample]", "resample"),
                "a word inside a value is no key");
    }

    @Test
    void aSciJavaCommandRunFromAMacroThreadTakesTheBareWord() throws Exception {
        // ImageJ 1 hands macro options to threads named Run$_...; Fiji runs the command's module on such a thread
        ImagePlus image = CommandsTest.patientStack(
                LggDataset.index(TinyModels.data()).patients().get(0));
        AtomicReference<SegmentTumorCommand> ran = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        try (Context context = new Context()) {
            Thread macro = new Thread(
                    () -> {
                        try {
                            SegmentTumorCommand c = new SegmentTumorCommand();
                            context.inject(c);
                            set(c, "image", image);
                            set(c, "model", TinyModels.unet().toFile());
                            ij.Macro.setOptions(
                                    Thread.currentThread(), "model=[" + TinyModels.unet() + "] probability");
                            c.run();
                            ran.set(c);
                        } catch (Throwable t) {
                            failed.set(t);
                        }
                    },
                    "Run$_bare_words");
            macro.start();
            macro.join();
        }
        assertNull(failed.get(), () -> String.valueOf(failed.get()));
        assertNotNull(ran.get().probabilityMap(), "the bare word 'probability' must switch the probability map on");
    }

    private static void set(Object o, String field, Object value) throws ReflectiveOperationException {
        var f = o.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(o, value);
    }
}
