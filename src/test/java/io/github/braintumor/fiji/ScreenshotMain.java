package io.github.braintumor.fiji;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.PatientRecord;
import io.github.braintumor.data.PhantomGenerator;
import io.github.braintumor.data.SliceRecord;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import javax.imageio.ImageIO;

/**
 * The picture for the README: ImageJ 1 with a phantom patient stack, "Segment Tumor (UNet)" run on it (outline
 * overlay, zoomed) and the "Tumor Segmentation" table, captured with {@link Robot} over the whole (Xvfb) screen.
 * Run through {@code docs/make-screenshot.sh [MODEL_BUNDLE]}, which starts it as
 * <pre>xvfb-run -a -s "-screen 0 1400x900x24" java -Dplugins.dir=target/screenshot-ij \
 *     -cp "target/test-classes:target/classes:target/lib/*" io.github.braintumor.fiji.ScreenshotMain BUNDLE docs/screenshot.png</pre>
 * BUNDLE empty = the embedded default model. Exits 0 after writing the PNG, 1 on failure.
 */
public final class ScreenshotMain {
    private ScreenshotMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ScreenshotMain MODEL_BUNDLE|\"\" OUTPUT.png");
            System.exit(2);
        }
        if (GraphicsEnvironment.isHeadless()) {
            System.err.println("ScreenshotMain needs a display: run it under xvfb-run");
            System.exit(2);
        }
        try {
            capture(args[0], Paths.get(args[1]).toAbsolutePath());
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void capture(String model, Path png) throws Exception {
        Path data = Files.createTempDirectory("screenshot-phantom");
        PhantomGenerator.builder()
                .optSeed(5)
                .optPatients(1)
                .optSlicesPerPatient(12)
                .optSize(256)
                .build()
                .write(data);
        PatientRecord patient = LggDataset.index(data).patients().get(0);
        // Show the slice with the largest tumour.
        int bestSlice = 1;
        long bestArea = -1;
        for (int i = 0; i < patient.slices().size(); i++) {
            SliceRecord s = patient.slices().get(i);
            long area = io.github.braintumor.data.LggTiff.readMask(s.mask()).area();
            if (area > bestArea) {
                bestArea = area;
                bestSlice = i + 1;
            }
        }

        new ImageJ();
        ImagePlus imp = CommandsTest.patientStack(patient);
        imp.setTitle(patient.id() + " (synthetic phantom)");
        imp.show();
        IJ.wait(500);
        imp.setSlice(bestSlice);
        IJ.run(imp, "Segment Tumor (UNet)", "model=[" + model + "] threshold=-1 outline batchsize=4");
        if (imp.getOverlay() == null)
            throw new IllegalStateException("no outline overlay: segmentation failed (see the Log)");

        // Layout: ImageJ bar on top, the image zoomed to 200% on the left, the mask and the table on the right.
        Window ijBar = IJ.getInstance();
        ijBar.setLocation(0, 0);
        int top = ijBar.getHeight() + 28; // room for the titles drawn below (Xvfb has no window manager)
        imp.getWindow().setLocation(0, top);
        IJ.run(imp, "Set... ", "zoom=200 x=128 y=128");
        imp.setSlice(bestSlice);
        imp.getWindow().setLocation(0, top);
        for (int id : WindowManager.getIDList()) {
            ImagePlus other = WindowManager.getImage(id);
            if (other != imp && other.getWindow() != null) {
                other.setSlice(Math.min(bestSlice, other.getStackSize()));
                other.getWindow().setLocation(560, top);
            }
        }
        Window table = WindowManager.getWindow(ResultTables.SEGMENTATION);
        if (table == null) throw new IllegalStateException("no \"" + ResultTables.SEGMENTATION + "\" table");
        table.setBounds(840, top, 540, 400);
        Window log = WindowManager.getWindow("Log");
        if (log != null) log.setBounds(840, top + 420, 540, 200);
        table.toFront();
        IJ.wait(1500);
        EventQueue.invokeAndWait(() -> {}); // let pending repaints run
        IJ.wait(500);

        Rectangle screen = new Rectangle(java.awt.Toolkit.getDefaultToolkit().getScreenSize());
        BufferedImage full = new Robot().createScreenCapture(screen);
        // Without a window manager there are no title bars: write each window's title above it, crop to the windows.
        Rectangle used = new Rectangle(ijBar.getBounds());
        java.awt.Graphics2D g = full.createGraphics();
        g.setRenderingHint(
                java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 14));
        g.setColor(java.awt.Color.WHITE);
        for (Window w : java.awt.Window.getWindows()) {
            if (!w.isShowing() || w == ijBar) continue;
            used.add(w.getBounds());
            String title = w instanceof java.awt.Frame f ? f.getTitle() : "";
            if (!title.isEmpty()) g.drawString(title, w.getX() + 4, w.getY() - 8);
        }
        g.dispose();
        used.grow(8, 8);
        used = used.intersection(screen);
        BufferedImage shot = full.getSubimage(used.x, used.y, used.width, used.height);
        Files.createDirectories(png.getParent());
        Path tmp = Files.createTempFile(png.getParent(), ".screenshot-", ".png");
        ImageIO.write(shot, "png", tmp.toFile());
        Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("wrote " + png + " (" + shot.getWidth() + "x" + shot.getHeight() + ")");
        deleteQuietly(data);
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // a temporary folder; the OS cleans it up otherwise
        }
    }
}
