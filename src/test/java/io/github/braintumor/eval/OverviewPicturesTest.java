package io.github.braintumor.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.DatasetOverview;
import io.github.braintumor.data.LggDataset;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverviewPicturesTest {
    @TempDir
    Path tmp;

    @Test
    void writesReadablePngs() throws Exception {
        LggDataset d = LggDataset.index(EvalFixtures.phantoms(tmp.resolve("data"), 5, 4));
        List<Path> files = OverviewPictures.write(DatasetOverview.of(d), d, tmp.resolve("pictures"));
        assertEquals(
                List.of(OverviewPictures.HOSPITALS, OverviewPictures.SLICES, OverviewPictures.EXAMPLES),
                files.stream().map(p -> p.getFileName().toString()).toList());
        for (Path f : files) {
            BufferedImage img = ImageIO.read(f.toFile());
            assertNotNull(img, f + " is not a readable image");
            assertTrue(img.getWidth() > 16 && img.getHeight() > 16, f.toString());
        }
        BufferedImage grid = ImageIO.read(files.get(2).toFile());
        // 5 patients with a tumour slice each: 4 per row, two rows
        assertTrue(grid.getHeight() > grid.getWidth() / 4, "two rows of tiles");
    }
}
