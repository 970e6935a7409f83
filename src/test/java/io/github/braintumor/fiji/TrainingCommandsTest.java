package io.github.braintumor.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.app.ProgressText;
import io.github.braintumor.app.StackSegmentation;
import io.github.braintumor.fiji.command.TrainClassifierCommand;
import io.github.braintumor.fiji.command.TrainSegmenterCommand;
import io.github.braintumor.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.event.EventHandler;
import org.scijava.event.EventService;
import org.scijava.task.Task;
import org.scijava.task.TaskService;
import org.scijava.task.event.TaskEvent;

/** Training commands: progress through the Task API, cancel from the task keeps the best model. */
class TrainingCommandsTest {
    @TempDir
    Path tmp;

    Context context;
    final List<String> messages = new CopyOnWriteArrayList<>();
    final List<Long> values = new CopyOnWriteArrayList<>();
    volatile boolean cancelAfterFirstEpoch;

    @BeforeEach
    void start() {
        context = new Context(CommandService.class, StatusService.class, TaskService.class, EventService.class);
        context.service(EventService.class).subscribe(this);
    }

    @AfterEach
    void stop() {
        context.dispose();
    }

    @EventHandler
    public void onTask(TaskEvent e) {
        Task task = e.getTask();
        if (task.getStatusMessage() != null) messages.add(task.getStatusMessage());
        values.add(task.getProgressValue());
        if (cancelAfterFirstEpoch
                && !task.isCanceled()
                && task.getStatusMessage() != null
                && task.getStatusMessage().contains(" val ")) {
            task.cancel("test"); // publishes a TaskEvent itself: only once
        }
    }

    TrainingResult train(Class<? extends org.scijava.command.Command> command, Path out, int epochs, Object... more)
            throws Exception {
        Object[] inputs = {
            "data",
            TinyModels.data().toFile(),
            "output",
            out.toFile(),
            "epochs",
            epochs,
            "batchsize",
            2,
            "learningrate",
            1e-3,
            "seed",
            1L,
            "samples",
            8
        };
        Object[] all = java.util.Arrays.copyOf(inputs, inputs.length + more.length);
        System.arraycopy(more, 0, all, inputs.length, more.length);
        CommandModule m =
                context.service(CommandService.class).run(command, true, all).get();
        Object c = m.getDelegateObject();
        return c instanceof TrainSegmenterCommand s ? s.result() : ((TrainClassifierCommand) c).result();
    }

    @Test
    void segmenterReportsProgressWithLossAndWritesBundle() throws Exception {
        Path out = tmp.resolve("unet");
        TrainingResult r =
                train(TrainSegmenterCommand.class, out, 1, "features", 4, "crop", 64, "missingmodality", 0.5);
        assertTrue(Files.isRegularFile(out.resolve("model.json")));
        assertEquals(
                0.5,
                io.github.braintumor.model.ModelBundle.readInfo(out)
                        .training()
                        .augmentationOrDefault()
                        .missingModality(),
                0,
                "the dialog's missing-modality share is recorded in model.json");
        assertEquals(false, r.canceled());
        assertTrue(messages.stream().anyMatch(m -> m.contains("loss")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("epoch 1/1")), messages.toString());
        assertTrue(values.stream().mapToLong(Long::longValue).max().orElse(0) >= 4, values.toString()); // 4 batches
    }

    @Test
    void cancelFromTheTaskStopsEarlyAndKeepsTheBestModel() throws Exception {
        cancelAfterFirstEpoch = true;
        Path out = tmp.resolve("unet-canceled");
        TrainingResult r = train(TrainSegmenterCommand.class, out, 5, "features", 4, "crop", 64);
        assertTrue(r.canceled());
        assertEquals(1, r.bestEpoch());
        assertTrue(
                r.curve().rows().size() < 5,
                "trained on after cancel: " + r.curve().rows().size() + " epochs");
        assertTrue(Files.isRegularFile(out.resolve("model.json")), "best model of epoch 1 not kept");
    }

    @Test
    void classifierTrainsThroughTheCommand() throws Exception {
        Path out = tmp.resolve("classifier");
        TrainingResult r = train(TrainClassifierCommand.class, out, 1);
        assertEquals(out.toAbsolutePath(), r.bundle().toAbsolutePath());
        assertTrue(messages.stream().anyMatch(m -> m.contains("loss")), messages.toString());
    }

    @Test
    void randomSearchShowsTrialsTable() throws Exception {
        Path out = tmp.resolve("search");
        CommandModule m = context.service(CommandService.class)
                .run(
                        io.github.braintumor.fiji.command.RandomSearchClassifierCommand.class,
                        true,
                        "data",
                        TinyModels.data().toFile(),
                        "output",
                        out.toFile(),
                        "trials",
                        1,
                        "executions",
                        1,
                        "epochs",
                        1,
                        "batchsize",
                        2,
                        "seed",
                        1L,
                        "samples",
                        4)
                .get();
        var c = (io.github.braintumor.fiji.command.RandomSearchClassifierCommand) m.getDelegateObject();
        assertEquals(1, c.result().trials().size());
        assertEquals(1, c.table().size());
        assertTrue(Files.isRegularFile(out.resolve("trials.csv")));
    }

    @Test
    void progressTextCountsBatchesOverEpochs() {
        var p = io.github.braintumor.progress.Progress.training(
                2, 3, 5, 10, 0.25, java.util.OptionalDouble.empty(), java.time.Duration.ofSeconds(75), "");
        assertEquals(15, p.done());
        assertEquals(30, p.total());
        assertEquals("epoch 2/3 batch 5/10 loss 0.2500 ETA 1m15s", ProgressText.of(p));
    }

    @Test
    void segmentingIsToldInSlicesNotEpochs() throws Exception {
        java.util.List<io.github.braintumor.progress.Progress> seen = new java.util.ArrayList<>();
        var slices =
                Images.slices(CommandsTest.patientStack(io.github.braintumor.data.LggDataset.index(TinyModels.data())
                        .patients()
                        .get(0)));
        StackSegmentation.run(
                slices,
                new StackSegmentation.Settings(TinyModels.unet().toString(), -1, 2, 1.0),
                seen::add,
                () -> false);
        var last = seen.get(seen.size() - 1);
        String text = ProgressText.of(last);
        assertTrue(text.endsWith("egmentation: " + slices.size() + "/" + slices.size() + " slices"), text);
        assertTrue(!text.contains("epoch") && !text.contains("batch"), text);
        assertEquals(1.0, last.fraction(), 1e-12);
        assertTrue(seen.stream().allMatch(q -> q.epoch() == null), "a segmentation report carries an epoch");
    }
}
