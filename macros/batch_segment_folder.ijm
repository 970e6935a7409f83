// Segments every patient folder of a data folder (kaggle_3m layout: <patient>/<patient>_<n>.tif) and writes
// <output>/<patient>/<slice>_pred.tif masks (the layout 'brain-tumor iou' pairs with ground truth) and one CSV
// <output>/segmentation.csv with patient, slice, tumour pixels and max probability.
// Arguments (separated by |): data folder | output folder | model bundle folder (optional; empty = embedded default)
//   ImageJ -batch batch_segment_folder.ijm "/data/kaggle_3m|/results|/models/unet"
args = split(getArgument(), "(\\|)"); // a regular expression: empty fields (a|b||c) are kept
if (getArgument() == "") {
    data = getDirectory("Data folder (patient folders)");
    output = getDirectory("Output folder");
    model = "";
} else {
    data = args[0];
    output = args[1];
    model = "";
    if (args.length > 2) model = args[2];
}
if (File.isDirectory(data + File.separator + "kaggle_3m")) data = data + File.separator + "kaggle_3m";
if (!File.isDirectory(data)) exit("batch_segment_folder: data folder not found: " + data);
// the output folder is made (or refused) before any work, never found missing after it
if (!File.isDirectory(output)) File.makeDirectory(output);
if (!File.isDirectory(output)) exit("batch_segment_folder: cannot create the output folder " + output);
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
if (row == 0) exit("batch_segment_folder: no patient slices (<patient>_<n>.tif) found in " + data);
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
