// Trains a (tiny, for a first try) UNet tumour segmenter on a data folder and writes the model bundle.
// Arguments (separated by |): data folder | output model folder
//   ImageJ -batch train_unet.ijm "/data/kaggle_3m|/models/unet-tiny"
// For a real model use features=16 or 32, more epochs, crop=128 and samples=0 (all slices).
args = split(getArgument(), "(\\|)"); // a regular expression: empty fields (a|b||c) are kept
if (getArgument() == "") {
    data = getDirectory("Data folder (patient folders)");
    output = getDirectory("Output model folder");
} else {
    data = args[0];
    output = args[1];
}
run("Train Tumor Segmenter (UNet)", "data=[" + data + "] output=[" + output + "] features=4 epochs=1 batchsize=2 learningrate=0.001 crop=64 seed=1 samples=8");
print("train_unet: model bundle in " + output);
