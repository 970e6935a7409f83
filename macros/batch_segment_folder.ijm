// Segments every patient folder of a data folder (kaggle_3m layout: <patient>/<patient>_<n>.tif) and writes
// <output>/<patient>/<slice>_pred.tif masks (the layout 'brain-tumor iou' pairs with ground truth) and one CSV
// <output>/segmentation.csv with patient, slice, tumour pixels and max probability.
// Arguments (separated by |): data folder | output folder | model bundle folder (optional; empty = embedded default)
//   ImageJ -batch batch_segment_folder.ijm "/data/kaggle_3m|/results|/models/unet"
M = "io.github.braintumor.fiji.MacroSupport."; // argument parsing, input checks, output folders, failing (exit 1 under -batch)
A = getArgument();
if (A == "") {
    data = getDirectory("Data folder (patient folders)");
    output = getDirectory("Output folder");
} else {
    data = call(M + "inputFolder", call(M + "argument", A, "0"), "data folder");
    // the output folder is made (or refused) before any work, never found missing after it
    output = call(M + "outputFolder", call(M + "argument", A, "1"), "output folder");
}
model = call(M + "argument", A, "2");
if (File.isDirectory(data + File.separator + "kaggle_3m")) data = data + File.separator + "kaggle_3m";
setBatchMode(true);
Table.create("All Slices");
row = 0;
patients = getFileList(data);
// a patient folder given instead of a data folder: its own slices are the one patient
own = sliceFiles(data);
if (own.length > 0) {
    parent = File.getParent(data);
    patients = newArray(File.getName(data) + "/");
    data = parent;
}
for (p = 0; p < patients.length; p++) {
    if (!endsWith(patients[p], "/")) continue;
    patient = substring(patients[p], 0, lengthOf(patients[p]) - 1);
    folder = data + File.separator + patient;
    slices = sliceFiles(folder);
    if (slices.length == 0) continue;
    for (i = 0; i < slices.length; i++) open(folder + File.separator + slices[i]);
    if (slices.length > 1) run("Images to Stack", "name=" + patient + " use");
    else rename(patient);
    run("Segment Tumor (UNet)", "model=[" + model + "] threshold=-1 batchsize=4");
    File.makeDirectory(output + File.separator + patient);
    selectImage(patient + "-mask");
    for (i = 0; i < slices.length; i++) {
        selectImage(patient + "-mask");
        setSlice(i + 1);
        run("Duplicate...", "title=one");
        stem = replace(slices[i], "\\.tiff?$", "");
        saveAs("Tiff", output + File.separator + patient + File.separator + stem + "_pred.tif");
        close();
        Table.set("patient", row, patient, "All Slices");
        Table.set("slice", row, stem, "All Slices");
        Table.set("tumour pixels", row, Table.get("tumour pixels", i, "Tumor Segmentation"), "All Slices");
        Table.set("max probability", row, Table.get("max probability", i, "Tumor Segmentation"), "All Slices");
        row++;
    }
    close("*");
}
if (row == 0) call(M + "fail", "batch_segment_folder: no patient slices (<patient>_<n>.tif) found in " + data);
Table.save(output + File.separator + "segmentation.csv", "All Slices");
print("batch_segment_folder: " + row + " slices segmented into " + output);

// Image (not mask) TIFFs of a patient folder, sorted by their slice number _<n>.
function sliceFiles(folder) {
    files = getFileList(folder);
    keys = newArray(0);
    for (i = 0; i < files.length; i++) {
        f = files[i];
        if (!matches(f, ".*_[0-9]+\\.tiff?$")) continue;
        n = replace(f, ".*_([0-9]+)\\.tiff?$", "$1");
        keys = Array.concat(keys, IJ.pad(n, 6) + "|" + f);
    }
    Array.sort(keys);
    names = newArray(keys.length);
    for (i = 0; i < keys.length; i++) names[i] = substring(keys[i], indexOf(keys[i], "|") + 1);
    return names;
}
