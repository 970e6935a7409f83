// Trains a (tiny, for a first try) UNet tumour segmenter on a data folder and writes the model bundle.
// Arguments (separated by |): data folder | output model folder
//   ImageJ -batch train_unet.ijm "/data/kaggle_3m|/models/unet-tiny"
// For a real model use features=16 or 32, more epochs, crop=128 and samples=0 (all slices).
M = "io.github.braintumor.fiji.MacroSupport."; // argument parsing, input checks, output folders, failing (exit 1 under -batch)
A = getArgument();
if (A == "") {
    data = getDirectory("Data folder (patient folders)");
    output = getDirectory("Output model folder");
} else {
    data = call(M + "inputFolder", call(M + "argument", A, "0"), "data folder");
    output = call(M + "argument", A, "1"); // the bundle folder, written by the training itself
    if (output == "") call(M + "fail", "output model folder is missing: give it as the second argument");
}
run("Train Tumor Segmenter (UNet)", "data=[" + data + "] output=[" + output + "] features=4 epochs=1 batchsize=2 learningrate=0.001 crop=64 seed=1 samples=8");
print("train_unet: model bundle in " + output);
