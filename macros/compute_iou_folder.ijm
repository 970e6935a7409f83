// Scores predicted masks <predictions>/<patient>/<slice>_pred.tif (from batch_segment_folder.ijm or
// 'brain-tumor segment') against the ground truth <data>/<patient>/<slice>_mask.tif, one row per slice.
// Arguments (separated by |): predictions folder | data folder | output CSV
//   ImageJ -batch compute_iou_folder.ijm "/results|/data/kaggle_3m|/results/iou.csv"
M = "io.github.braintumor.fiji.MacroSupport."; // argument parsing, input checks, output folders, failing (exit 1 under -batch)
A = getArgument();
if (A == "") {
    predictions = getDirectory("Predictions folder");
    data = getDirectory("Data folder with ground truth");
    output = File.openDialog("Output CSV");
} else {
    predictions = call(M + "inputFolder", call(M + "argument", A, "0"), "predictions folder");
    data = call(M + "inputFolder", call(M + "argument", A, "1"), "data folder");
    output = call(M + "outputFile", call(M + "argument", A, "2"), "output CSV");
}
if (File.isDirectory(data + File.separator + "kaggle_3m")) data = data + File.separator + "kaggle_3m";
// one patient's folder given for the data: its ground truth is in that folder itself
patientData = File.getName(data);
setBatchMode(true);
Table.create("IoU per slice");
row = 0;
patients = getFileList(predictions);
for (p = 0; p < patients.length; p++) {
    if (!endsWith(patients[p], "/")) continue;
    patient = substring(patients[p], 0, lengthOf(patients[p]) - 1);
    files = getFileList(predictions + File.separator + patient);
    for (i = 0; i < files.length; i++) {
        if (!endsWith(files[i], "_pred.tif")) continue;
        stem = substring(files[i], 0, lengthOf(files[i]) - lengthOf("_pred.tif"));
        truthFile = data + File.separator + patient + File.separator + stem + "_mask.tif";
        if (patient == patientData) truthFile = data + File.separator + stem + "_mask.tif";
        if (!File.exists(truthFile)) continue;
        open(predictions + File.separator + patient + File.separator + files[i]);
        rename("prediction");
        open(truthFile);
        rename("truth");
        run("Compute IoU", "prediction=prediction truth=truth");
        Table.set("patient", row, patient, "IoU per slice");
        Table.set("slice", row, stem, "IoU per slice");
        Table.set("IoU", row, Table.get("IoU", 0, "Tumor IoU"), "IoU per slice");
        Table.set("Dice", row, Table.get("Dice", 0, "Tumor IoU"), "IoU per slice");
        row++;
        close("*");
    }
}
if (row == 0) call(M + "fail", "no predicted masks <patient>/<slice>_pred.tif with ground truth <slice>_mask.tif found in " + predictions + " and " + data);
Table.save(output, "IoU per slice");
print("compute_iou_folder: " + row + " slices scored into " + output);
