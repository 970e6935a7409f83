package io.github.braintumor.fiji;

import io.github.braintumor.app.ProgressText;
import io.github.braintumor.progress.Progress;
import io.github.braintumor.progress.ProgressListener;
import java.util.function.Consumer;
import org.scijava.app.StatusService;
import org.scijava.task.Task;
import org.scijava.task.TaskService;

/**
 * Forwards core {@link ProgressListener} events to the SciJava Task API (progress bar with cancel button in Fiji)
 * and to the {@link StatusService} (status line with loss and validation metric).
 *
 * <pre>{@code
 * try (TaskProgress p = TaskProgress.start(taskService, statusService, "Segment Tumor", () -> cancel("user"))) {
 *     segmenter.segment(slices, p, this::isCanceled);
 * }
 * }</pre>
 */
public final class TaskProgress implements ProgressListener, AutoCloseable {
    private final Task task;
    private final StatusService status;
    private Consumer<Progress> epochHook = p -> {};
    private int lastEpoch = -1;

    private TaskProgress(Task task, StatusService status) {
        this.task = task;
        this.status = status;
    }

    /**
     * @param tasks may be null (no progress bar)
     * @param status may be null (no status line)
     * @param onCancel called when the user presses the task's cancel button
     */
    public static TaskProgress start(TaskService tasks, StatusService status, String name, Runnable onCancel) {
        Task task = tasks == null ? null : tasks.createTask(name);
        if (task != null) {
            task.setCancelCallBack(onCancel);
            task.setProgressMaximum(100);
            task.start();
        }
        return new TaskProgress(task, status);
    }

    /** Called once per finished epoch (the batch counter wraps): draws the learning curve. */
    public TaskProgress optEpochHook(Consumer<Progress> hook) {
        this.epochHook = hook;
        return this;
    }

    @Override
    public void onProgress(Progress p) {
        String line = ProgressText.of(p);
        if (task != null) {
            task.setProgressMaximum(Math.max(1, p.total()));
            task.setProgressValue(p.done());
            task.setStatusMessage(line);
        }
        if (status != null) {
            status.showStatus((int) p.done(), (int) Math.max(1, p.total()), line);
        }
        if (p.endOfEpoch() && p.epoch().epoch() != lastEpoch) {
            lastEpoch = p.epoch().epoch();
            epochHook.accept(p);
        }
    }

    @Override
    public void onMessage(String message) {
        if (task != null) task.setStatusMessage(message);
        if (status != null) status.showStatus(message);
    }

    /** The task, or null without a TaskService. */
    public Task task() {
        return task;
    }

    @Override
    public void close() {
        if (task != null) task.finish();
        if (status != null) status.clearStatus();
    }
}
