// Evaluates a UNet bundle, or a folder of predicted masks, against the ground truth; writes report.html,
// summary.json, CSV tables and pictures into the output folder (Plugins>Brain Tumor>Evaluate Tumor Models).
// Arguments (separated by |): data folder | output folder | UNet bundle, or a folder of predicted masks
// <patient>/<slice>_pred.tif (from batch_segment_folder.ijm or 'brain-tumor segment')
//   ImageJ -batch evaluate_models.ijm "/data/kaggle_3m|/results/eval|/models/unet"
M = "io.github.braintumor.fiji.MacroSupport."; // argument parsing, input checks, output folders, failing (exit 1 under -batch)
A = getArgument();
if (A == "") {
    data = getDirectory("Data folder with ground truth");
    output = getDirectory("Output folder");
    model = getDirectory("UNet bundle or predicted masks folder");
} else {
    data = call(M + "inputFolder", call(M + "argument", A, "0"), "data folder");
    output = call(M + "argument", A, "1"); // made by the command itself, which refuses a folder holding others' files
    if (output == "") call(M + "fail", "output folder is missing: give it as the second argument");
    model = call(M + "argument", A, "2"); // empty: the embedded default UNet
}
unet = "";
predictions = "";
if (model == "" || File.exists(model + File.separator + "model.json")) unet = model;
else predictions = call(M + "inputFolder", model, "UNet bundle or predicted masks folder");
run("Evaluate Tumor Models", "data=[" + data + "] output=[" + output + "] unet=[" + unet + "] classifier=[]"
    + " threshold=-1 lcc=true tta=false minarea=0 patients=[] predictions=[" + predictions + "] writethreshold=false"
    + " writepostprocessing=false"
    + " modalities=[] brightness=[] storage=[] overwrite=false");   // overwrite=true replaces an earlier evaluation in output
print("evaluation written to " + output);
