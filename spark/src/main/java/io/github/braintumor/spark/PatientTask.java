package io.github.braintumor.spark;

import io.github.braintumor.app.SegmentationTables;
import io.github.braintumor.app.StackSegmentation;
import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.PatientRecord;
import io.github.braintumor.data.PredictionLayout;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.eval.EvaluationReport;
import io.github.braintumor.eval.EvaluationResult;
import io.github.braintumor.eval.PatientScorer;
import io.github.braintumor.eval.PatientScores;
import io.github.braintumor.io.AtomicFiles;
import io.github.braintumor.io.StagedFolder;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.progress.ProgressListener;
import io.github.braintumor.report.CsvTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.apache.spark.TaskContext;

/**
 * One patient on an executor: copy its folder here when it is remote, run the models (kept per JVM by
 * {@link WorkerModels}), write its output into a hidden temporary folder next to the target and rename it into
 * place when complete. A retried or speculative attempt replaces the folder whole, so the output holds each
 * patient once and never half. A problem of the patient's data (unreadable TIFF, missing mask, sizes that do not
 * match) is returned as a failure for {@code failures.csv}; anything else (lost executor, out of memory, a kill)
 * fails the task and Spark retries it.
 */
final class PatientTask {
    /** Where each command puts a patient's folder inside the output. */
    static final String EVALUATE_PATIENTS = "patients";

    private PatientTask() {}

    /**
     * Writing or publishing the output failed (disk full, a speculative twin published first): not the patient's
     * fault, so the task fails and Spark retries it instead of listing the patient in failures.csv.
     */
    static final class OutputFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutputFailure(String patient, Exception cause) {
            super("cannot write the output of patient " + patient + ": " + cause.getMessage(), cause);
        }
    }

    /**
     * What the driver gets back for one patient.
     *
     * @param packedScores evaluate: the numbers the cohort tables are added up from, compressed ({@link #scores()}
     *                  gives them back; the example masks are mostly zeros, so ~0.5 MB per patient becomes a few KB
     *                  on the way to the driver); else null
     * @param slices    segment: the patient's rows of segmentation.csv; else null
     * @param volumes   segment: its row of volumes.csv; else null
     * @param failure   why the patient failed (one line), or null when it is done
     * @param attempt   the task attempt that produced this (0 = first)
     * @param executor  where it ran: Spark's executor id, host and process id
     * @param loads     how many models that executor's JVM had loaded when this task ended ({@link WorkerModels})
     */
    record Outcome(
            String patient,
            byte[] packedScores,
            List<List<String>> slices,
            List<List<String>> volumes,
            String failure,
            int attempt,
            double seconds,
            String executor,
            int loads)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        PatientScores scores() {
            if (packedScores == null) return null;
            try (var in = new ObjectInputStream(new InflaterInputStream(new ByteArrayInputStream(packedScores)))) {
                return (PatientScores) in.readObject();
            } catch (IOException | ClassNotFoundException e) {
                throw new IllegalStateException("cannot read the scores of patient " + patient + ": " + e, e);
            }
        }

        static byte[] pack(PatientScores s) throws IOException {
            var bytes = new ByteArrayOutputStream();
            try (var out = new ObjectOutputStream(new DeflaterOutputStream(bytes))) {
                out.writeObject(s);
            }
            return bytes.toByteArray();
        }

        boolean failed() {
            return failure != null;
        }
    }

    /** This JVM's {@link #executor()}, made by its first task: the host name may need a DNS lookup. */
    private static volatile String executor;

    /** @return "executor &lt;id&gt; on &lt;host&gt;, pid &lt;pid&gt;" of this JVM ("driver" in local mode) */
    static String executor() {
        String known = executor;
        if (known != null) return known;
        org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
        String id = env == null ? "driver" : env.executorId();
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "?";
        }
        String made = "executor " + id + " on " + host + ", pid "
                + ProcessHandle.current().pid();
        if (env != null) executor = made; // before Spark's environment exists the id is not yet known
        return made;
    }

    static Outcome run(JobSpec spec, PatientInputs.Ref ref, HadoopConf conf) throws Exception {
        long start = System.nanoTime();
        TaskContext tc = TaskContext.get();
        int attempt = tc == null ? 0 : tc.attemptNumber();
        Path scratch = Files.createTempDirectory("brain-tumor-spark-");
        try {
            Path folder = PatientInputs.localCopy(ref, scratch, conf.get());
            Outcome o = spec.command() == Command.EVALUATE
                    ? evaluate(spec, ref, folder, attempt)
                    : segment(spec, ref, folder, attempt);
            return new Outcome(
                    o.patient(),
                    o.packedScores(),
                    o.slices(),
                    o.volumes(),
                    null,
                    attempt,
                    (System.nanoTime() - start) / 1e9,
                    executor(),
                    WorkerModels.loads());
        } catch (FaultInjection.InjectedFault | OutputFailure | Error e) {
            throw e;
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted() || (tc != null && tc.isInterrupted())) throw e; // a kill
            return new Outcome(
                    ref.id(),
                    null,
                    null,
                    null,
                    oneLine(e),
                    attempt,
                    (System.nanoTime() - start) / 1e9,
                    executor(),
                    WorkerModels.loads());
        } finally {
            AtomicFiles.deleteRecursively(scratch);
        }
    }

    private static PatientRecord index(PatientInputs.Ref ref, Path folder) throws Exception {
        LggDataset d = LggDataset.index(folder);
        if (d.patients().size() != 1) {
            throw new IllegalStateException(
                    ref.location() + " holds " + d.patients().size() + " patients, not one");
        }
        return d.patients().get(0);
    }

    private static Outcome evaluate(JobSpec spec, PatientInputs.Ref ref, Path folder, int attempt) throws Exception {
        PatientRecord patient = index(ref, folder);
        Path target = Path.of(spec.output()).resolve(EVALUATE_PATIENTS).resolve(ref.id());
        PatientScores scores;
        try (StagedFolder staged = staging(ref, target)) {
            try (WorkerModels.Lease<PatientScorer> scorer = WorkerModels.scorer(spec)) {
                scores = scorer.get().score(patient, (p, masks, w, h) -> {
                    try {
                        writeMasks(staged, p.slices(), masks, w, h, attempt);
                    } catch (IOException e) {
                        throw new OutputFailure(p.id(), e);
                    }
                });
            }
            try {
                EvaluationResult one = Jobs.evaluation(
                                spec,
                                WorkerModels.bundle(spec.unet(), spec.unetEmbedded(), ModelKind.UNET),
                                WorkerModels.bundle(spec.classifier(), spec.classifierEmbedded(), ModelKind.CLASSIFIER))
                        .setOutput(staged.path())
                        .build()
                        .combine(List.of(patient), List.of(scores), 0);
                EvaluationReport.writeTables(one);
                staged.publish();
            } catch (Exception e) {
                throw new OutputFailure(ref.id(), e);
            }
        }
        FaultInjection.maybeFailAfterPublish(ref.id(), attempt);
        return new Outcome(ref.id(), Outcome.pack(scores), null, null, null, attempt, 0, null, 0);
    }

    private static Outcome segment(JobSpec spec, PatientInputs.Ref ref, Path folder, int attempt) throws Exception {
        PatientRecord patient = LggDataset.indexImages(folder).patients().get(0); // masks are not needed
        List<SliceImage> images = new ArrayList<>();
        for (SliceRecord r : patient.slices()) images.add(LggTiff.readImage(r.image(), LggTiff.ANY_SIZE));
        StackSegmentation.Settings settings = new StackSegmentation.Settings(
                "",
                spec.threshold() == null ? Double.NaN : spec.threshold(),
                spec.batch(),
                1.0,
                spec.postprocessingNone()
                        ? StackSegmentation.PostProcessingChoice.NONE
                        : StackSegmentation.PostProcessingChoice.MODEL);
        StackSegmentation.Output result;
        try (WorkerModels.Lease<ModelBundle> unet = WorkerModels.unet(spec)) {
            result = StackSegmentation.run(images, settings, unet.get(), ProgressListener.silent(), () -> false);
        }
        Path target = Path.of(spec.output()).resolve(ref.id());
        try (StagedFolder staged = staging(ref, target)) {
            List<SliceMask> masks = result.result().masks();
            byte[][] pixels = masks.stream().map(SliceMask::pixels).toArray(byte[][]::new);
            try {
                writeMasks(
                        staged,
                        patient.slices(),
                        pixels,
                        masks.get(0).width(),
                        masks.get(0).height(),
                        attempt);
                staged.publish();
            } catch (FaultInjection.InjectedFault e) {
                throw e;
            } catch (Exception e) {
                throw new OutputFailure(ref.id(), e);
            }
        }
        FaultInjection.maybeFailAfterPublish(ref.id(), attempt);
        List<String> ids = patient.slices().stream()
                .map(s -> PredictionLayout.stem(s.image()))
                .toList();
        CsvTable.Builder slices = SegmentationTables.slices(), volumes = SegmentationTables.volumes();
        SegmentationTables.add(slices, volumes, ref.id(), ids, result);
        return new Outcome(ref.id(), null, rows(slices.build()), rows(volumes.build()), null, attempt, 0, null, 0);
    }

    private static StagedFolder staging(PatientInputs.Ref ref, Path target) {
        try {
            return StagedFolder.beside(target);
        } catch (IOException e) {
            throw new OutputFailure(ref.id(), e);
        }
    }

    /**
     * The masks in {@code segment}'s file names; the fault hook fires after the first half is written and leaves the
     * staging folder behind, as a killed executor would (the driver sweeps it).
     */
    private static void writeMasks(
            StagedFolder staged, List<SliceRecord> slices, byte[][] masks, int w, int h, int attempt) throws Exception {
        for (int i = 0; i < masks.length; i++) {
            if (i == masks.length / 2) {
                try {
                    FaultInjection.maybeFail(slices.get(i).patientId(), attempt);
                } catch (FaultInjection.InjectedFault e) {
                    staged.abandon();
                    throw e;
                }
            }
            Path file = staged.path()
                    .resolve(PredictionLayout.fileName(
                            PredictionLayout.stem(slices.get(i).image())));
            LggTiff.writeMask(file, new SliceMask(w, h, masks[i]));
        }
    }

    private static List<List<String>> rows(CsvTable t) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> r : t.rows()) out.add(new ArrayList<>(r));
        return out;
    }

    /** The exception as one line: its class when the message is empty, causes appended. */
    static String oneLine(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null && s.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
            if (s.length() > 0) s.append(" <- ");
            String m = t.getMessage();
            s.append(m == null || m.isBlank() ? t.getClass().getSimpleName() : m);
        }
        return s.toString().replaceAll("\\s+", " ").trim();
    }
}
